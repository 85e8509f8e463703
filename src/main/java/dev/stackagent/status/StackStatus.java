package dev.stackagent.status;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What on-call reads about one stack ({@code GET /api/v1/stacks}). Never carries field values,
 * only field paths, so no Secret value can reach it. {@code reason}: why the last sync failed
 * ({@link dev.stackagent.report.FailureReason}, or {@code ValidationFailed} for a rejected revision), null when it did not.
 */
@RegisterForReflection
public record StackStatus(
        String stack,
        String revision,
        String desiredRevision,
        String sync,
        String lastError,
        String reason,
        List<String> validationErrors,
        Instant lastSyncTime,
        Instant lastSuccessfulSyncTime,
        List<ObjectStatus> objects,
        String health,
        String healthMessage,
        Schedule schedule,
        List<String> nodePools,
        Verification verification,
        List<String> preflight,
        Requests requests) {

    public StackStatus {
        validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
        objects = objects == null ? List.of() : List.copyOf(objects);
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
    }

    /** Where the stack stands on its schedule: Awake, FallingAsleep, Asleep or Waking, why, and what comes next. */
    @RegisterForReflection
    public record Schedule(String state, String step, String reason, Instant nextTransition) {
    }

    /**
     * What on-call asked through the cluster, as the last sync honoured it: {@code suspended} (with its reason) by
     * {@code stack-agent suspend} or Git's {@code options.suspend}, the schedule override in force ({@code stack-agent
     * wake|sleep}, or why one was ignored) and the reconcile request last handled.
     */
    @RegisterForReflection
    public record Requests(boolean suspended, String suspendedReason, String scheduleOverride, String lastHandledReconcileAt) {
        public static final Requests NONE = new Requests(false, null, null, null);
    }

    /** The last verification of the model (the seed's Phase 4). */
    @RegisterForReflection
    public record Verification(boolean passed, String url, String summary, Instant at) {
    }

    /** One object of the stack and what the last sync did with it. */
    @RegisterForReflection
    public record ObjectStatus(String apiVersion, String kind, String namespace, String name, String action, List<String> fields,
            String message) {
    }
}
