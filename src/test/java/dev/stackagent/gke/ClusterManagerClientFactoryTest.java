package dev.stackagent.gke;

import static dev.stackagent.gke.SeedPools.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.cloud.container.v1.ClusterManagerClient;

/** The production client, configured with a plaintext loopback endpoint, reaches an emulator. */
class ClusterManagerClientFactoryTest {

    @Test
    void plaintextLoopbackEndpointReachesTheEmulatorWithoutCredentials() throws Exception {
        try (FakeClusterManager gke = new FakeClusterManager().start()) {
            gke.addCluster(CLUSTER).addPool(CLUSTER, SeedPools.defaultPool(), 2);
            String endpoint = gke.startOnLoopback();

            try (ClusterManagerClient client = ClusterManagerClientFactory.create(
                    GkeEndpoint.checked(Optional.of(endpoint), true))) {
                assertThat(client.listNodePools(CLUSTER.resourceName()).getNodePoolsList())
                        .extracting(p -> p.getName()).containsExactly("default-pool");
            }
            assertThat(gke.methods()).containsExactly("listNodePools");
        }
    }
}
