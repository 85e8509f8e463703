package dev.stackagent.gke;

import static dev.stackagent.gke.SeedPools.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** The metrics as Prometheus scrapes them from /q/metrics. */
class NodePoolMetricsTest {

    @Test
    void callsByMethodAndCodeAndPoolGauges() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (FakeClusterManager gke = new FakeClusterManager().start()) {
            gke.addCluster(CLUSTER);
            NodePools pools = new GkeNodePools(gke.client(), gke.nodeCounter(), registry,
                    new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(60), 5,
                            Duration.ofMinutes(10)),
                    new RecordingSleeper());
            pools.apply(CLUSTER, SeedPools.STACK, List.of(SeedPools.tpuPool()));
            gke.setNodeCount(SeedPools.TPU, 2);
            gke.rejectNextMutationAsBusy();
            pools.plan(CLUSTER, SeedPools.STACK, List.of(SeedPools.tpuPool()));
            pools.apply(CLUSTER, SeedPools.STACK, List.of(SeedPools.asleep(SeedPools.tpuPool())));
        }

        String scrape = registry.scrape();

        assertThat(scrape).contains("stack_agent_gke_calls_total{code=\"OK\",method=\"createNodePool\",} 1.0");
        assertThat(scrape).contains("stack_agent_gke_calls_total{code=\"FAILED_PRECONDITION\",method=\"setNodePoolAutoscaling\",} 1.0");
        assertThat(scrape).contains("stack_agent_node_pool_nodes{pool=\"tpu-v6e-pool\",} 2.0");
        assertThat(scrape).contains("stack_agent_node_pool_autoscaling_min_nodes{pool=\"tpu-v6e-pool\",} 0.0");
        assertThat(scrape).contains("stack_agent_node_pool_autoscaling_max_nodes{pool=\"tpu-v6e-pool\",} 3.0");
    }
}
