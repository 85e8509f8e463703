package dev.stackagent.health.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.container.v1.Cluster;
import com.google.container.v1.DatapathProvider;
import com.google.container.v1.NetworkConfig;
import com.google.container.v1.NetworkPolicy;
import com.google.container.v1.WorkloadIdentityConfig;

class ClusterChecksTest {

    private static final Cluster BARE = Cluster.newBuilder().setName("llmd-istio-tpu-pattern1").build();

    @Test
    void calicoNetworkPolicyIsEnforcement() {
        Cluster cluster = BARE.toBuilder().setNetworkPolicy(NetworkPolicy.newBuilder()
                .setEnabled(true).setProvider(NetworkPolicy.Provider.CALICO)).build();
        assertThat(ClusterChecks.networkPolicy(cluster)).isEqualTo(
                CheckResult.ok("network-policy-enforcement", "enforced by CALICO"));
    }

    @Test
    void dataplaneV2IsEnforcement() {
        Cluster cluster = BARE.toBuilder().setNetworkConfig(NetworkConfig.newBuilder()
                .setDatapathProvider(DatapathProvider.ADVANCED_DATAPATH)).build();
        assertThat(ClusterChecks.networkPolicy(cluster).outcome()).isEqualTo(CheckOutcome.OK);
    }

    @Test
    void neitherFails() {
        CheckResult result = ClusterChecks.networkPolicy(BARE.toBuilder().setNetworkConfig(NetworkConfig.newBuilder()
                .setDatapathProvider(DatapathProvider.LEGACY_DATAPATH)).build());
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.message()).contains("llmd-istio-tpu-pattern1 does not enforce NetworkPolicies");
    }

    @Test
    void workloadIdentityNeedsAWorkloadPool() {
        assertThat(ClusterChecks.workloadIdentity(BARE).outcome()).isEqualTo(CheckOutcome.FAILED);
        Cluster cluster = BARE.toBuilder().setWorkloadIdentityConfig(WorkloadIdentityConfig.newBuilder()
                .setWorkloadPool("ecoeng-llmd.svc.id.goog")).build();
        assertThat(ClusterChecks.workloadIdentity(cluster))
                .isEqualTo(CheckResult.ok("workload-identity", "workload pool ecoeng-llmd.svc.id.goog"));
    }
}
