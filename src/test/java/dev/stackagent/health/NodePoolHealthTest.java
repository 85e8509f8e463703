package dev.stackagent.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.container.v1.NodePool;
import com.google.container.v1.StatusCondition;

class NodePoolHealthTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RUNNING            | HEALTHY
            PROVISIONING       | PROGRESSING
            RECONCILING        | PROGRESSING
            STOPPING           | PROGRESSING
            ERROR              | DEGRADED
            RUNNING_WITH_ERROR | DEGRADED
            STATUS_UNSPECIFIED | UNKNOWN
            """)
    void judgesTheGkeStatus(NodePool.Status status, HealthStatus expected) {
        NodePool pool = NodePool.newBuilder().setName("tpu-v6e-pool").setStatus(status).build();
        assertThat(NodePoolHealth.of(pool).status()).isEqualTo(expected);
    }

    @Test
    void namesWhatWentWrong() {
        NodePool pool = NodePool.newBuilder().setName("tpu-v6e-pool")
                .setStatus(NodePool.Status.RUNNING_WITH_ERROR)
                .setStatusMessage("europe-west4-a: ZONE_RESOURCE_POOL_EXHAUSTED")
                .addConditions(StatusCondition.newBuilder()
                        .setCanonicalCode(com.google.rpc.Code.RESOURCE_EXHAUSTED)
                        .setMessage("no TPU v6e capacity"))
                .build();
        Health health = NodePoolHealth.of(pool);
        assertThat(health.message()).isEqualTo(
                "RUNNING_WITH_ERROR: europe-west4-a: ZONE_RESOURCE_POOL_EXHAUSTED; RESOURCE_EXHAUSTED no TPU v6e capacity");
    }

    @Test
    void noPoolIsMissing() {
        assertThat(NodePoolHealth.of(null).status()).isEqualTo(HealthStatus.MISSING);
    }
}
