package dev.stackagent.schedule;

/** Why the schedule decided as it did; {@link ScheduleDecision#detail()} carries the human text. */
public enum DecisionReason {
    /** The stack has no schedule: always awake. */
    NO_SCHEDULE,
    /** Inside an awake window, or in the wake lead time before one. */
    WINDOW,
    /** A window would cover the instant, but it starts on a holiday. */
    HOLIDAY,
    /** An unexpired override committed to Git decides. */
    OVERRIDE,
    /** A temporary override requested through the cluster ({@code stack-agent wake|sleep}) decides: it beats Git's schedule. */
    CLUSTER_OVERRIDE,
    /** No awake window covers the instant. */
    OUTSIDE_WINDOWS
}
