package dev.stackagent.report;

import java.util.List;

import dev.stackagent.desired.ValidationError;
import dev.stackagent.desired.Stack;

/**
 * Told about what the agent's loop does (the status API, metrics, the Stack resource's status): every
 * finished sync ({@code stack} is null for a removed stack), every fetch, every revision loaded.
 */
public interface SyncListener {
    void synced(Stack stack, SyncResult result);

    /** A Git fetch finished: the revision now known, how long it took, and the failure reason (null when it worked). */
    default void fetched(String revision, java.time.Duration took, String failureReason) {
    }

    /** The last fetch failed with {@code message}, or worked again ({@code null}). */
    default void gitError(String message) {
    }

    /** A revision was loaded for {@code stack}: its validation errors, empty when the stack is valid. */
    default void revisionLoaded(String stack, String revision, List<ValidationError> errors) {
    }

    /** {@code stack} left Git (or this cluster) and its objects were pruned. */
    default void forgotten(String stack) {
    }
}
