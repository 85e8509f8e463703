package dev.stackagent.notify.alert;

/** The Warning outcomes an alert is sent for; each is deduplicated per stack. */
public enum AlertKind {
    /** The config repository could not be fetched (about the agent, not one stack). */
    GitFetchFailed,
    /** A stack's revision was rejected by validation or the policy. */
    RevisionRejected,
    /** A sync could not apply (API errors, conflicts, preflight, node pools). */
    SyncFailed,
    /** A write the platform team's policy does not allow. */
    PolicyViolation,
    /** The stack applied but the model failed its verification. */
    VerificationFailed,
    /** The schedule says awake (its window is open) but the stack is not Ready. */
    NotReadyInWindow,
    /** The schedule says asleep but a node pool is still running. */
    PoolRunningWhileAsleep
}
