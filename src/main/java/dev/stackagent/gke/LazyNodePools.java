package dev.stackagent.gke;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.policy.Policy;

/**
 * GKE node pools whose client is built on first use, not at start-up. Building the gRPC client loads
 * gax, gRPC and protobuf, which only the syncs of stacks that declare node pools (and the preflight that
 * reads the cluster) need: start-up is CPU-bound on two cores, so they are loaded after the agent is
 * ready instead of before (docs/benchmarks.md, "Start-up"). A build that fails (no Application Default
 * Credentials) fails the call that needed it, with the factory's message, and is tried again by the next.
 */
final class LazyNodePools implements NodePools {
    private final Supplier<NodePools> build;
    private final Policy policy;
    private volatile NodePools built;

    LazyNodePools(Policy policy, Supplier<NodePools> build) {
        this.policy = policy == null ? Policy.defaults() : policy;
        this.build = build;
    }

    private NodePools pools() {
        NodePools p = built;
        if (p == null) {
            synchronized (this) {
                if (built == null) {
                    built = build.get();
                }
                p = built;
            }
        }
        return p;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public LivePools read(ClusterRef cluster) {
        return pools().read(cluster);
    }

    @Override
    public List<NodePoolDrift> plan(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools live) {
        return pools().plan(cluster, stack, desired, live);
    }

    @Override
    public NodePoolResult apply(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools known) {
        return pools().apply(cluster, stack, desired, known);
    }

    @Override
    public NodePoolResult replace(ClusterRef cluster, String stack, NodePoolSpec spec) {
        return pools().replace(cluster, stack, spec);
    }

    @Override
    public Optional<com.google.container.v1.Cluster> cluster(ClusterRef cluster) {
        return pools().cluster(cluster);
    }

    /** Nothing to wait for before the client exists (no GKE operation can have been started by this instance). */
    @Override
    public Optional<String> currentWait() {
        NodePools p = built;
        return p == null ? Optional.empty() : p.currentWait();
    }
}
