package dev.stackagent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What the table cannot say in one line: the since instant, Missing, ranking, unknown kinds. */
class HealthRulesTest {

    private final HealthRegistry registry = HealthRegistry.defaults(Duration.ofMinutes(20));

    @Test
    void theAllowanceAlsoRunsFromAWake() {
        // Not ready since 07:00:05; at 08:00 that alone is Degraded, but the agent woke the stack at 07:50.
        JsonNode live = Fixtures.load("llmisvc-starting.yaml");
        Instant now = Instant.parse("2025-06-02T08:00:00Z");

        assertThat(registry.health("LLMInferenceService", live, now).status()).isEqualTo(HealthStatus.DEGRADED);
        Health afterWake = registry.health("LLMInferenceService", live, now, Instant.parse("2025-06-02T07:50:00Z"));
        assertThat(afterWake.status()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(afterWake.message()).contains("until 2025-06-02T08:10:00Z");
    }

    @Test
    void theAllowanceIsConfigurable() {
        JsonNode live = Fixtures.load("llmisvc-starting.yaml");
        Health health = HealthRegistry.defaults(Duration.ofMinutes(5))
                .health("LLMInferenceService", live, Instant.parse("2025-06-02T07:10:00Z"));
        assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void anAbsentObjectIsMissingWhateverItsKind() {
        assertThat(registry.health("NetworkPolicy", null, Instant.EPOCH))
                .isEqualTo(Health.missing("NetworkPolicy not found"));
        assertThat(registry.health("Whatever", com.fasterxml.jackson.databind.node.MissingNode.getInstance(), Instant.EPOCH)
                .status()).isEqualTo(HealthStatus.MISSING);
    }

    @Test
    void aKindWithoutARuleIsHealthyWhenPresentAndRulesCanBeAdded() {
        JsonNode configMap = Fixtures.load("networkpolicy-default-deny.yaml");
        assertThat(registry.health("ConfigMap", configMap, Instant.EPOCH).status()).isEqualTo(HealthStatus.HEALTHY);
        HealthRegistry custom = registry.with("ConfigMap", (live, now) -> Health.degraded("custom"));
        assertThat(custom.health("ConfigMap", configMap, Instant.EPOCH)).isEqualTo(Health.degraded("custom"));
        assertThat(registry.health("ConfigMap", configMap, Instant.EPOCH).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void statusesAreRankedBestToWorst() {
        assertThat(HealthStatus.values()).containsExactly(HealthStatus.HEALTHY, HealthStatus.SUSPENDED,
                HealthStatus.PROGRESSING, HealthStatus.UNKNOWN, HealthStatus.DEGRADED, HealthStatus.MISSING);
        assertThat(HealthStatus.worst(HealthStatus.DEGRADED, HealthStatus.PROGRESSING)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.MISSING.isWorseThan(HealthStatus.DEGRADED)).isTrue();
        assertThat(HealthStatus.HEALTHY.isWorseThan(HealthStatus.HEALTHY)).isFalse();
    }

    @Test
    void tpuNodeChipsAreConfigurable() {
        JsonNode node = Fixtures.load("node-tpu-ready.yaml");
        Health eight = new TpuNodeHealth(8, Duration.ofMinutes(10)).health(node, Instant.parse("2025-06-02T08:00:00Z"));
        assertThat(eight.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(eight.message()).contains("capacity google.com/tpu is 4, expected 8");
    }
}
