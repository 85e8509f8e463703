package dev.stackagent.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer of {@link TransitionPlan#next}: the progress to persist (before acting), the action to
 * take, when to look again at the latest (the drain deadline; null when only an event can help), and
 * the time to wake when this call saw a wake complete (for the histogram; null otherwise).
 */
public record NextStep(TransitionProgress progress, TransitionAction action, Instant recheckAt, Duration timeToWake) {

    /** True when {@code progress} differs from what was persisted and must be stored. */
    public boolean changed(TransitionProgress persisted) {
        return !progress.equals(persisted);
    }
}
