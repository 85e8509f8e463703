package dev.stackagent.report;

/** The sync state of a stack, as on-call reads it. */
public enum SyncStatus {
    /** Live matches Git. */
    Synced,
    /** Live differs from Git (suspended stacks, or before the first apply). */
    OutOfSync,
    /** The last sync could not finish (Git, validation or API error). */
    Failed
}
