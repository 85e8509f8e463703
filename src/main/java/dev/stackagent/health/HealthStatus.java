package dev.stackagent.health;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How healthy one part of a stack (or the whole stack) is, ranked from best to worst like Argo CD's
 * gitops-engine {@code pkg/health}: {@link #HEALTHY} &lt; {@link #SUSPENDED} &lt; {@link #PROGRESSING}
 * &lt; {@link #UNKNOWN} &lt; {@link #DEGRADED} &lt; {@link #MISSING}.
 *
 * <p>Unknown ranks below Degraded because "we cannot tell" is no evidence of a failure; Missing is
 * the worst because an object Git declares does not exist at all.
 */
@RegisterForReflection
public enum HealthStatus {
    /** Working as declared. */
    HEALTHY,
    /** Deliberately stopped: scaled to zero, or the stack is asleep. */
    SUSPENDED,
    /** Not there yet, but still within the time it is allowed to take. */
    PROGRESSING,
    /** The live object does not tell (no status, an unrecognised state). */
    UNKNOWN,
    /** Failed, or still not ready after its allowance. */
    DEGRADED,
    /** The object does not exist. */
    MISSING;

    /** True when this status is strictly worse than {@code other}. */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }

    /** The worse of the two. */
    public static HealthStatus worst(HealthStatus a, HealthStatus b) {
        return a.isWorseThan(b) ? a : b;
    }
}
