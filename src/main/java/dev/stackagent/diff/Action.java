package dev.stackagent.diff;

/** What reconciling one object means. */
public enum Action {
    /** Missing live: create it. */
    CREATE,
    /** Fields Git sets differ live, or fields the agent applied before were removed from Git. */
    UPDATE,
    /** Live matches Git. */
    UNCHANGED,
    /** Tracked in the inventory, no longer in Git. */
    PRUNE,
    /** Controlled by another controller (an ownerReference with controller=true): never touched. */
    SKIP,
    /**
     * Exists live but is not the agent's for this stack (another stack's, or never created by the
     * agent and not adopted): never taken over; the stack's sync fails before writing anything.
     */
    CONFLICT
}
