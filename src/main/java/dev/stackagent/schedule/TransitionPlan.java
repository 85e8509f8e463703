package dev.stackagent.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * The sleep/wake state machine, pure: (persisted progress, desired state, observations, now) ->
 * the next step. Sleep: workloads to zero, wait until no pod uses the sleeping pools (at most the
 * drain timeout, counted from the persisted start of the wait), pools to zero, Asleep. Wake: pools
 * restored, workloads restored, wait until the LLMInferenceService is Ready, Awake.
 *
 * <p>A step is left only when the observations show it done, so the same input gives the same
 * answer, a restart repeats no step whose effect is observed and skips none whose effect is not. A
 * desired state that flips mid-transition starts the other transition at its first step; its
 * steps that are already true in the cluster pass at once. With nothing persisted (first start)
 * the transition towards the desired state starts at its first step, so the agent converges to the
 * schedule at once and in order.
 */
public final class TransitionPlan {
    private TransitionPlan() {
    }

    /** The next step towards {@code decision}'s state. */
    public static NextStep next(TransitionProgress persisted, ScheduleDecision decision,
                                TransitionObservations seen, Duration drainTimeout, Instant now) {
        return next(persisted, decision.state(), seen, drainTimeout, now);
    }

    /** The next step towards {@code desired}; {@code persisted} is null when nothing was stored yet. */
    public static NextStep next(TransitionProgress persisted, ScheduleState desired,
                                TransitionObservations seen, Duration drainTimeout, Instant now) {
        TransitionProgress p = headFor(persisted, desired, now);
        boolean wakeTimed = persisted != null;
        while (true) {
            switch (p.step()) {
                case ScaleWorkloadsToZero -> {
                    if (!seen.workloadsAtZero()) {
                        return act(p, TransitionAction.SCALE_WORKLOADS_TO_ZERO);
                    }
                    p = p.moveTo(TransitionStep.WaitForDrain, now);
                }
                case WaitForDrain -> {
                    Instant deadline = p.stepStartedAt().plus(drainTimeout);
                    if (!seen.tpuPodsGone() && now.isBefore(deadline)) {
                        return new NextStep(p, TransitionAction.WAIT_FOR_DRAIN, deadline, null);
                    }
                    p = p.moveTo(TransitionStep.ScalePoolsToZero, now);
                }
                case ScalePoolsToZero -> {
                    if (!seen.poolsAtZero()) {
                        return act(p, TransitionAction.SCALE_POOLS_TO_ZERO);
                    }
                    p = TransitionProgress.settled(SleepPhase.Asleep, now);
                }
                case RestorePools -> {
                    if (!seen.poolsRestored()) {
                        return act(p, TransitionAction.RESTORE_POOLS);
                    }
                    p = p.moveTo(TransitionStep.RestoreWorkloads, now);
                }
                case RestoreWorkloads -> {
                    if (!seen.workloadsRestored()) {
                        return act(p, TransitionAction.RESTORE_WORKLOADS);
                    }
                    p = p.moveTo(TransitionStep.WaitForReady, now);
                }
                case WaitForReady -> {
                    if (!seen.servingReady()) {
                        return new NextStep(p, TransitionAction.WAIT_FOR_READY, null, null);
                    }
                    Duration woke = wakeTimed ? Duration.between(p.phaseStartedAt(), now) : null;
                    return new NextStep(TransitionProgress.settled(SleepPhase.Awake, now), TransitionAction.NONE, null, woke);
                }
                case Settled -> {
                    return act(p, TransitionAction.NONE);
                }
            }
        }
    }

    /** The persisted progress, or the start of the transition towards {@code desired} if it heads elsewhere. */
    private static TransitionProgress headFor(TransitionProgress persisted, ScheduleState desired, Instant now) {
        boolean wantAsleep = desired == ScheduleState.ASLEEP;
        if (persisted != null) {
            boolean headsAsleep = persisted.phase() == SleepPhase.FallingAsleep || persisted.phase() == SleepPhase.Asleep;
            if (headsAsleep == wantAsleep) {
                return persisted;
            }
        }
        return TransitionProgress.begin(wantAsleep ? TransitionStep.ScaleWorkloadsToZero : TransitionStep.RestorePools, now);
    }

    private static NextStep act(TransitionProgress p, TransitionAction action) {
        return new NextStep(p, action, null, null);
    }
}
