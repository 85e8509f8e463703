package dev.stackagent.health.preflight;

/** The verdict of one preflight check. */
public enum CheckOutcome {
    /** The prerequisite is there. */
    OK,
    /** It could not be confirmed (only a weak signal, or the check could not run). */
    WARNING,
    /** It is missing or broken. */
    FAILED
}
