package dev.stackagent.report;

import dev.stackagent.desired.Stack;

/** Told about every finished sync (metrics, the Stack resource's status). {@code stack} is null for a removed stack. */
public interface SyncListener {
    void synced(Stack stack, SyncResult result);

    /** A Git fetch finished: the revision now known, how long it took, and the failure reason (null when it worked). */
    default void fetched(String revision, java.time.Duration took, String failureReason) {
    }
}
