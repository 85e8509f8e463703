package dev.stackagent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StackHealthTest {

    private static final PartHealth SERVICE_STARTING = new PartHealth(
            "LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1", Health.progressing("not Ready"));
    private static final PartHealth SERVICE_BROKEN = new PartHealth(
            "LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1", Health.degraded("GatewaysReady=False"));
    private static final PartHealth POLICY = new PartHealth("NetworkPolicy llm-d-inference-scheduling/default-deny",
            Health.healthy("present"));
    private static final PartHealth POOL = new PartHealth("node pool tpu-v6e-pool", Health.healthy("RUNNING"));

    @Test
    void allHealthyIsHealthy() {
        StackHealth stack = StackHealth.of(List.of(POLICY, POOL), false);
        assertThat(stack.health()).isEqualTo(Health.healthy("all 2 parts Healthy"));
        assertThat(stack.parts()).containsExactly(POLICY, POOL);
    }

    @Test
    void theWorstPartDecidesAndIsNamed() {
        StackHealth stack = StackHealth.of(List.of(POLICY, SERVICE_STARTING, POOL), false);
        assertThat(stack.health().status()).isEqualTo(HealthStatus.PROGRESSING);

        stack = StackHealth.of(List.of(POLICY, SERVICE_BROKEN, SERVICE_STARTING), false);
        assertThat(stack.health()).isEqualTo(Health.degraded(
                "1 of 3 parts Degraded: LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1: GatewaysReady=False"));
    }

    @Test
    void aSleepingStackIsSuspendedNotDegraded() {
        StackHealth stack = StackHealth.of(List.of(POLICY, SERVICE_BROKEN), true);
        assertThat(stack.health()).isEqualTo(
                Health.suspended("asleep; 1 of 2 parts not ready, as expected while asleep"));
        assertThat(StackHealth.of(List.of(POLICY), true).health()).isEqualTo(Health.suspended("asleep"));
    }

    @Test
    void aMissingPartIsMissingEvenAsleep() {
        PartHealth gone = new PartHealth("NetworkPolicy llm-d-inference-scheduling/allow-vllm-egress",
                Health.missing("NetworkPolicy not found"));
        StackHealth stack = StackHealth.of(List.of(POLICY, gone, SERVICE_BROKEN), true);
        assertThat(stack.health().status()).isEqualTo(HealthStatus.MISSING);
        assertThat(stack.health().message()).contains("allow-vllm-egress: NetworkPolicy not found");
    }

    @Test
    void noPartsIsUnknown() {
        assertThat(StackHealth.of(List.of(), false).health().status()).isEqualTo(HealthStatus.UNKNOWN);
    }
}
