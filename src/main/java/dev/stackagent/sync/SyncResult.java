package dev.stackagent.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.diff.ObjectDiff;

/**
 * The outcome of one sync of one stack: the drift found, what was done about it, and any error.
 * {@code changes} is empty when the stack is suspended (drift reported, nothing done).
 */
public record SyncResult(
        String stack,
        String revision,
        SyncStatus status,
        List<ObjectDiff> drift,
        ChangeSet changes,
        String error,
        Instant finishedAt,
        Duration duration) {

    public SyncResult {
        drift = List.copyOf(drift);
    }

    public long drifted() {
        return drift.stream().filter(ObjectDiff::drifted).count();
    }
}
