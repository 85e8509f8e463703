package dev.stackagent.gke;

import java.util.List;
import java.util.Optional;

import dev.stackagent.desired.ClusterRef;

/**
 * What one node-pool sync did: an outcome per declared pool, the waits on GKE operations (for status)
 * and the GKE calls it made.
 */
public record NodePoolResult(ClusterRef cluster, List<PoolOutcome> pools, List<String> waits, List<GkeCall> calls) {

    public NodePoolResult {
        pools = List.copyOf(pools);
        waits = List.copyOf(waits);
        calls = List.copyOf(calls);
    }

    public boolean failed() {
        return pools.stream().anyMatch(p -> p.kind() == PoolOutcome.Kind.FAILED);
    }

    public long mutatingCalls() {
        return calls.stream().filter(GkeCall::mutating).count();
    }

    public Optional<PoolOutcome> pool(String name) {
        return pools.stream().filter(p -> p.pool().equals(name)).findFirst();
    }

    public List<PoolOutcome> replacementsPending() {
        return pools.stream().filter(p -> p.kind() == PoolOutcome.Kind.REPLACEMENT_PENDING).toList();
    }
}
