package dev.stackagent.report;

import java.time.Duration;
import java.time.Instant;

import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionProgress;

/**
 * Where a scheduled stack stands: what the schedule says now, the persisted transition progress,
 * the action this sync took, when to look again, and (once, when a wake finished) how long it took.
 */
public record SleepReport(ScheduleDecision decision, TransitionProgress progress, TransitionAction action, Instant recheckAt,
        Duration timeToWake) {

    /** The state on-call sees: Awake, FallingAsleep, Asleep or Waking. */
    public String state() {
        return progress.phase().name();
    }
}
