package dev.stackagent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

/** One line per case: fixture, now, expected status, text the message contains. */
class HealthTableTest {

    private final HealthRegistry registry = HealthRegistry.defaults(Duration.ofMinutes(20));

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            llmisvc-ready.yaml                      | 2025-06-02T08:00:00Z | HEALTHY     | Ready at http://34.90.1.2/llm-d-inference-scheduling/qwen2-3b-pattern1
            llmisvc-starting.yaml                   | 2025-06-02T07:10:00Z | PROGRESSING | WorkloadsReady=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)
            llmisvc-starting.yaml                   | 2025-06-02T07:10:00Z | PROGRESSING | within the 20m start-up allowance (until 2025-06-02T07:20:05Z)
            llmisvc-starting.yaml                   | 2025-06-02T07:30:00Z | DEGRADED    | WorkloadsReady=False
            llmisvc-starting.yaml                   | 2025-06-02T07:30:00Z | DEGRADED    | not ready by 2025-06-02T07:20:05Z
            llmisvc-gateway-missing.yaml            | 2025-06-02T07:05:00Z | PROGRESSING | GatewaysReady=False (GatewayNotFound: Gateway opendatahub/inference-gateway not found)
            llmisvc-gateway-missing.yaml            | 2025-06-02T09:00:00Z | DEGRADED    | RouterReady=False (GatewaysNotReady); GatewaysReady=False
            llmisvc-asleep.yaml                     | 2025-06-02T03:00:00Z | SUSPENDED   | scaled to zero
            llmisvc-no-status.yaml                  | 2025-06-02T07:01:00Z | PROGRESSING | no status from KServe yet
            llmisvc-no-status.yaml                  | 2025-06-02T08:00:00Z | DEGRADED    | no status from KServe yet
            llmisvc-stale-generation.yaml           | 2025-06-02T07:10:00Z | PROGRESSING | not yet observed generation 3 (observed 2)
            llmisvc-deleting.yaml                   | 2025-06-02T08:00:00Z | PROGRESSING | being deleted
            inferencepool-v1-accepted.yaml          | 2025-06-02T08:00:00Z | HEALTHY     | Gateway opendatahub/inference-gateway: Accepted
            inferencepool-v1-unresolved.yaml        | 2025-06-02T08:00:00Z | DEGRADED    | ResolvedRefs=False (InvalidExtensionRef: Service qwen2-3b-pattern1-epp-service not found)
            inferencepool-v1alpha2-pending.yaml     | 2025-06-02T08:00:00Z | PROGRESSING | not yet accepted by any parent Gateway
            inferencepool-v1alpha2-accepted.yaml    | 2025-06-02T08:00:00Z | HEALTHY     | Gateway opendatahub/inference-gateway: Accepted
            httproute-accepted.yaml                 | 2025-06-02T08:00:00Z | HEALTHY     | Accepted
            httproute-backend-missing.yaml          | 2025-06-02T08:00:00Z | DEGRADED    | ResolvedRefs=False (BackendNotFound
            httproute-not-accepted.yaml             | 2025-06-02T08:00:00Z | DEGRADED    | Accepted=False (NotAllowedByListeners: hostname does not match any listener)
            httproute-no-status.yaml                | 2025-06-02T08:00:00Z | PROGRESSING | not yet accepted by any parent Gateway
            httproute-second-parent-pending.yaml    | 2025-06-02T08:00:00Z | PROGRESSING | Gateway opendatahub/internal-gateway: status is for generation 1
            networkpolicy-default-deny.yaml         | 2025-06-02T08:00:00Z | HEALTHY     | present
            namespace-active.yaml                   | 2025-06-02T08:00:00Z | HEALTHY     | Active
            namespace-terminating.yaml              | 2025-06-02T07:05:00Z | PROGRESSING | Terminating: NamespaceContentRemaining=True
            namespace-terminating.yaml              | 2025-06-02T07:30:00Z | DEGRADED    | serving.kserve.io/llmisvc-finalizer
            node-tpu-ready.yaml                     | 2025-06-02T08:00:00Z | HEALTHY     | Ready with 4 TPU chips
            node-tpu-not-ready.yaml                 | 2025-06-02T07:05:00Z | PROGRESSING | Ready=Unknown (NodeStatusUnknown
            node-tpu-not-ready.yaml                 | 2025-06-02T07:30:00Z | DEGRADED    | not Ready
            node-tpu-device-plugin-pending.yaml     | 2025-06-02T07:03:00Z | PROGRESSING | capacity google.com/tpu is absent, expected 4
            node-tpu-device-plugin-pending.yaml     | 2025-06-02T07:30:00Z | DEGRADED    | capacity google.com/tpu is absent, expected 4
            node-tpu-untainted.yaml                 | 2025-06-02T08:00:00Z | DEGRADED    | taint google.com/tpu=present:NoSchedule is missing
            node-tpu-cordoned.yaml                  | 2025-06-02T08:00:00Z | PROGRESSING | cordoned
            """)
    void judgesFixture(String fixture, String now, HealthStatus expected, String messageContains) {
        JsonNode live = Fixtures.load(fixture);
        Health health = registry.health(live.path("kind").asText(), live, Instant.parse(now));
        assertThat(health.status()).as(health.message()).isEqualTo(expected);
        assertThat(health.message()).contains(messageContains);
    }
}
