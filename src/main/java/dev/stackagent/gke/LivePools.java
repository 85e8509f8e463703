package dev.stackagent.gke;

import java.util.Map;
import java.util.OptionalInt;

import com.google.container.v1.NodePool;

/**
 * The node pools of a cluster as read once from GKE, by name, or why they could not be read; with
 * the Kubernetes Nodes counted per pool where the caller already listed them ({@code nodeCounts}).
 */
public record LivePools(Map<String, NodePool> pools, String unreadable, Map<String, Integer> nodeCounts) {
    public LivePools {
        pools = Map.copyOf(pools);
        nodeCounts = Map.copyOf(nodeCounts);
    }

    public static LivePools of(Map<String, NodePool> pools) {
        return new LivePools(pools, null, Map.of());
    }

    public static LivePools unreadable(String why) {
        return new LivePools(Map.of(), why, Map.of());
    }

    /** These pools with the Nodes of some of them already counted (no second LIST for them). */
    public LivePools withNodeCounts(Map<String, Integer> counts) {
        return new LivePools(pools, unreadable, counts);
    }

    /** The counted Nodes of {@code pool}, empty when not counted here. */
    public OptionalInt nodeCount(String pool) {
        Integer n = nodeCounts.get(pool);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
