package dev.stackagent.notify.status;

/**
 * What a commit status says, in the agent's words; each {@link Provider} names it its own way
 * (GitLab has no {@code error} nor {@code failure}: both are {@code failed}).
 */
public enum CommitState {
    /** Fetched and loaded; not yet applied, or applied and waiting for the stack to be healthy and verified. */
    PENDING,
    /** Applied, healthy and (when a verification ran) the model answered. */
    SUCCESS,
    /** Rejected (validation or the policy), or applied and the stack is unhealthy or the model failed its verification. */
    FAILURE,
    /** The agent could not apply it (the Kubernetes or GKE API, a conflict, an internal error). */
    ERROR
}
