package dev.stackagent.gke;

import java.util.Map;

import com.google.container.v1.NodePool;

/** The node pools of a cluster as read once from GKE, by name; or why they could not be read. */
public record LivePools(Map<String, NodePool> pools, String unreadable) {
    public LivePools {
        pools = Map.copyOf(pools);
    }

    public static LivePools of(Map<String, NodePool> pools) {
        return new LivePools(pools, null);
    }

    public static LivePools unreadable(String why) {
        return new LivePools(Map.of(), why);
    }
}
