package dev.stackagent.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The schedule's answer for one instant.
 *
 * @param state          desired state at the instant
 * @param reason         why, as an enum for status and metrics
 * @param detail         why, as text: {@code window Mon-Fri 07:00-19:00}, {@code holiday 2026-12-25},
 *                       {@code override until 2026-11-28T02:00+01:00: release}, {@code outside awake windows},
 *                       {@code no schedule}
 * @param inLeadTime     true when awake only because a window opens within the wake lead time
 * @param nextTransition the first later instant at which {@code state} differs; null if none within
 *                       the look-ahead (366 days past the instant and past the last override)
 */
public record ScheduleDecision(
        ScheduleState state,
        DecisionReason reason,
        String detail,
        boolean inLeadTime,
        Instant nextTransition) {

    /** The decision for a stack without a schedule: awake, forever. */
    public static final ScheduleDecision NO_SCHEDULE =
            new ScheduleDecision(ScheduleState.AWAKE, DecisionReason.NO_SCHEDULE, "no schedule", false, null);

    public boolean awake() {
        return state == ScheduleState.AWAKE;
    }

    public Optional<Instant> next() {
        return Optional.ofNullable(nextTransition);
    }

    @Override
    public String toString() {
        return state + " (" + detail + (inLeadTime ? ", wake lead time" : "") + ")"
                + (nextTransition == null ? "" : " until " + nextTransition);
    }
}
