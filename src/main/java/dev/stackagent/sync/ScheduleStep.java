package dev.stackagent.sync;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import dev.stackagent.report.SleepReport;
import dev.stackagent.desired.Stack;
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

    private final SleepObserver observer;
    private final SleepProgressStore progress;

    ScheduleStep(SleepObserver observer, SleepProgressStore progress) {
        this.observer = observer;
        this.progress = progress;
    }

    /** Null for a stack without a schedule (always awake, nothing stored). {@code persist} is false for a suspended stack. */
    SleepReport step(Stack stack, Instant now, boolean persist) {
        var schedule = stack.config().schedule();
        if (schedule == null) {
            return null;
        }
        ScheduleDecision decision = Schedule.decide(schedule, now);
        TransitionProgress persisted = progress.read(stack.name());
        NextStep next = TransitionPlan.next(persisted, decision, observer.observe(stack), schedule.drainTimeout(), now);
        if (persist && next.changed(persisted)) {
            progress.write(stack.name(), next.progress());
            LOG.infof("schedule stack=%s state=%s step=%s action=%s reason=\"%s\"", stack.name(), next.progress().phase(),
                    next.progress().step(), next.action(), decision.detail());
        }
        Instant recheck = switch (next.action()) {
            case NONE -> null;
            case WAIT_FOR_DRAIN -> earliest(next.recheckAt(), now.plus(TRANSITION_RECHECK));
            case WAIT_FOR_READY -> now.plus(TRANSITION_RECHECK);
            default -> now; // an action was taken: look again at once to take the next step
        };
        return new SleepReport(decision, next.progress(), next.action(), earliest(recheck, decision.nextTransition()), next.timeToWake());
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }
}
