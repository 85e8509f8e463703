package dev.stackagent.report;

/**
 * Why a sync failed, named by the step that failed (as Flux's reconcilers name theirs): the reason
 * of the Stack's conditions, of {@code GET /api/v1/stacks} and of the {@code stack_agent_sync_failures_total} metric.
 */
public enum FailureReason {
    /** The config repository could not be fetched; the last good revision keeps running. */
    GitFetchFailed,
    /** The stack's revision was rejected (validation or the policy); its last good revision keeps running. */
    ValidationFailed,
    /** The stack's objects or node pools could not be read (Kubernetes or GKE). */
    ReadFailed,
    /** A write the platform team's policy does not allow, found at sync time (e.g. a Secret copy without opt-in). */
    PolicyViolation,
    /** An object exists and is not this stack's: not taken over without an adoption; nothing applied. */
    AdoptionConflict,
    /** A blocking preflight check failed; nothing applied. */
    PreflightFailed,
    /** A create or patch failed; the objects after it in kind order were not applied. */
    ApplyFailed,
    /** An object Git no longer holds could not be deleted; it stays in the inventory and is retried. */
    PruneFailed,
    /** A node pool could not be read, changed or replaced through the GKE API, or the change is blocked. */
    GkeOperationFailed,
    /** The sync applied, but the stack's health is Degraded (the Ready condition's reason). */
    HealthCheckFailed,
    /** The sync applied, but the model did not answer as the seed's Phase 4 requires (the Ready condition's reason). */
    VerificationFailed,
    /** Anything else (a bug or an unexpected answer): the message says what. */
    InternalError
}
