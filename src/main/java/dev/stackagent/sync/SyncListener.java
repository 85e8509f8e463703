package dev.stackagent.sync;

import dev.stackagent.desired.Stack;

/** Told about every finished sync (metrics, the Stack resource's status). {@code stack} is null for a removed stack. */
public interface SyncListener {
    void synced(Stack stack, SyncResult result);
}
