package dev.stackagent.sync;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

import org.jboss.logging.Logger;

import dev.stackagent.live.StackSnapshot;
import dev.stackagent.report.SleepReport;
import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.schedule.ClusterOverride;
import dev.stackagent.schedule.NextStep;
import dev.stackagent.schedule.Schedule;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.TransitionPlan;
import dev.stackagent.schedule.TransitionProgress;

/**
 * The schedule's step of a sync: decide (pure), observe the cluster, compute the next step of the
 * transition (pure) and persist it before acting; say when to look again.
 */
final class ScheduleStep {
    private static final Logger LOG = Logger.getLogger(ScheduleStep.class);
    /** How often a transition that waits (drain, Ready) looks again without an event. */
    static final Duration TRANSITION_RECHECK = Duration.ofSeconds(15);

    /** The schedule of a stack without one, when a cluster override applies to it: awake around the clock. */
    static final ScheduleSpec ALWAYS_AWAKE = new ScheduleSpec(null,
            List.of(new ScheduleSpec.Window(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)),
            null, null, null, null, null, null);

    private final SleepObserver observer;
    private final SleepProgressStore progress;

    ScheduleStep(SleepObserver observer, SleepProgressStore progress) {
        this.observer = observer;
        this.progress = progress;
    }

    /** The schedule's next step and whether it moved from the recorded progress (to be recorded by {@link #record}). */
    record Next(SleepReport report, boolean changed) {
    }

    /** Null for a stack without a schedule (always awake, nothing stored). Reads the recorded progress, writes nothing. */
    Next step(Stack stack, Instant now, StackSnapshot live) {
        return step(stack, now, live, null);
    }

    /**
     * As above with a cluster override ({@code stack-agent wake|sleep}; null for none) on top of Git's schedule. A stack
     * without a schedule that has (or had) one is treated as always awake outside it, so it falls asleep and wakes in the
     * same steps as a scheduled stack.
     */
    Next step(Stack stack, Instant now, StackSnapshot live, ClusterOverride cluster) {
        var schedule = stack.config().schedule();
        if (schedule == null && cluster == null) {
            return null;
        }
        if (schedule == null) {
            schedule = ALWAYS_AWAKE;
        }
        ScheduleDecision decision = Schedule.decide(stack.config().schedule(), now, cluster);
        TransitionProgress persisted = progress.read(stack.name());
        NextStep next = TransitionPlan.next(persisted, decision, observer.observe(stack, live), schedule.drainTimeout(), now);
        Instant recheck = switch (next.action()) {
            case NONE -> null;
            case WAIT_FOR_DRAIN -> earliest(next.recheckAt(), now.plus(TRANSITION_RECHECK));
            case WAIT_FOR_READY -> now.plus(TRANSITION_RECHECK);
            default -> now; // an action was taken: look again at once to take the next step
        };
        return new Next(new SleepReport(decision, next.progress(), next.action(), earliest(recheck, decision.nextTransition()),
                next.timeToWake()), next.changed(persisted));
    }

    /** Records the step a sync took (not for a suspended stack nor a preview). */
    static void record(SleepProgressStore progress, Stack stack, SleepReport report) {
        progress.write(stack.name(), report.progress());
        LOG.infof("schedule stack=%s state=%s step=%s action=%s reason=\"%s\"", stack.name(), report.progress().phase(),
                report.progress().step(), report.action(), report.decision().detail());
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }
}
