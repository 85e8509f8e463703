package dev.stackagent.gke;

import java.util.List;

/** What a sync did to one declared node pool, with the drift it acted on and human-readable messages. */
public record PoolOutcome(String pool, Kind kind, List<String> messages, NodePoolDrift drift) {

    public enum Kind {
        CREATED,
        UPDATED,
        REPLACED,
        UNCHANGED,
        /** Needs a replacement the stack did not allow. */
        BLOCKED,
        /** Needs a replacement the stack allows: stop the workload, then call {@code NodePools.replace}. */
        REPLACEMENT_PENDING,
        FAILED,
        NOT_MANAGED
    }

    public PoolOutcome {
        messages = List.copyOf(messages);
    }
}
