package dev.stackagent.gke;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.policy.Policy;

/** GKE management switched off ({@code stack-agent.gke.enabled=false}): nothing is read or changed, every pool shows "not managed". */
final class NotManagedNodePools implements NodePools {
    static final NotManagedNodePools INSTANCE = new NotManagedNodePools();

    private NotManagedNodePools() {
    }

    @Override
    public boolean managed() {
        return false;
    }

    @Override
    public Policy policy() {
        return Policy.defaults();
    }

    @Override
    public LivePools read(ClusterRef cluster) {
        return LivePools.of(Map.of());
    }

    @Override
    public List<NodePoolDrift> plan(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools live) {
        return desired.stream().map(NodePoolDiff::notManaged).toList();
    }

    @Override
    public NodePoolResult apply(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools known) {
        return new NodePoolResult(cluster, desired.stream().map(s -> new PoolOutcome(s.name(),
                PoolOutcome.Kind.NOT_MANAGED, List.of("GKE management is off"), NodePoolDiff.notManaged(s))).toList(),
                List.of(), List.of());
    }

    @Override
    public NodePoolResult replace(ClusterRef cluster, String stack, NodePoolSpec spec) {
        return apply(cluster, stack, List.of(spec), null);
    }

    @Override
    public Optional<com.google.container.v1.Cluster> cluster(ClusterRef cluster) {
        return Optional.empty();
    }

    @Override
    public Optional<String> currentWait() {
        return Optional.empty();
    }
}
