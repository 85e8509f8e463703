package dev.stackagent.health.preflight;

import com.google.container.v1.Cluster;
import com.google.container.v1.DatapathProvider;

/**
 * The seed's Phase 2 cluster settings, read from the GKE {@code Cluster} (pure): NetworkPolicy
 * enforcement (Calico {@code network_policy.enabled}, or Dataplane V2
 * {@code network_config.datapath_provider = ADVANCED_DATAPATH}) and Workload Identity
 * ({@code workload_identity_config.workload_pool} set).
 */
public final class ClusterChecks {

    public static final String NETWORK_POLICY = "network-policy-enforcement";
    public static final String WORKLOAD_IDENTITY = "workload-identity";

    private ClusterChecks() {
    }

    public static CheckResult networkPolicy(Cluster cluster) {
        if (cluster.getNetworkConfig().getDatapathProvider() == DatapathProvider.ADVANCED_DATAPATH) {
            return CheckResult.ok(NETWORK_POLICY, "enforced by Dataplane V2 (ADVANCED_DATAPATH)");
        }
        if (cluster.getNetworkPolicy().getEnabled()) {
            return CheckResult.ok(NETWORK_POLICY, "enforced by " + cluster.getNetworkPolicy().getProvider());
        }
        return CheckResult.failed(NETWORK_POLICY, "cluster " + cluster.getName()
                + " does not enforce NetworkPolicies: the stack's default-deny policy would have no effect");
    }

    public static CheckResult workloadIdentity(Cluster cluster) {
        String pool = cluster.getWorkloadIdentityConfig().getWorkloadPool();
        return pool.isEmpty()
                ? CheckResult.failed(WORKLOAD_IDENTITY, "Workload Identity is not enabled on cluster " + cluster.getName())
                : CheckResult.ok(WORKLOAD_IDENTITY, "workload pool " + pool);
    }
}
