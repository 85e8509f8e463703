package dev.stackagent.health.preflight;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The verdict of one preflight check. */
@RegisterForReflection
public enum CheckOutcome {
    /** The prerequisite is there. */
    OK,
    /** It could not be confirmed (only a weak signal, or the check could not run). */
    WARNING,
    /** It is missing or broken. */
    FAILED
}
