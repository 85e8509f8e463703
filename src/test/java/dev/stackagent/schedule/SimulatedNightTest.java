package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.ScheduleSpec;

/**
 * A whole weekday night, minute by minute, against a tiny fake cluster: the schedule decides, the
 * plan steps, the progress goes through JSON on every call (as if the agent restarted each minute).
 */
class SimulatedNightTest {

    /** A fake stack: pods need 3 minutes to leave after scale-down; the model needs 13 minutes to be Ready. */
    static class FakeCluster {
        boolean workloadsAtZero;
        boolean poolsAtZero;
        Instant podsGoneAt;
        Instant readyAt = Instant.MIN;

        TransitionObservations observe(Instant now) {
            return new TransitionObservations(workloadsAtZero, podsGoneAt != null && !now.isBefore(podsGoneAt), poolsAtZero,
                    !poolsAtZero, !workloadsAtZero, !workloadsAtZero && !poolsAtZero && !now.isBefore(readyAt));
        }

        void act(TransitionAction action, Instant now) {
            switch (action) {
                case SCALE_WORKLOADS_TO_ZERO -> {
                    workloadsAtZero = true;
                    podsGoneAt = now.plus(Duration.ofMinutes(3));
                }
                case SCALE_POOLS_TO_ZERO -> poolsAtZero = true;
                case RESTORE_POOLS -> poolsAtZero = false;
                case RESTORE_WORKLOADS -> {
                    workloadsAtZero = false;
                    podsGoneAt = null;
                    readyAt = now.plus(Duration.ofMinutes(13));
                }
                default -> {
                }
            }
        }
    }

    record Event(Instant at, TransitionAction action, String progress) {
    }

    @Test
    void weekdayNightSleepsInOrderAndIsReadyBeforeTheWindowOpens() {
        ScheduleSpec office = ScheduleSpecs.office();
        FakeCluster cluster = new FakeCluster();
        String stored = TransitionProgress.settled(SleepPhase.Awake, ScheduleSpecs.at("2026-11-25T07:00+01:00")).toJson();
        List<Event> events = new ArrayList<>();
        Duration timeToWake = null;
        Instant awakeAgainAt = null;

        for (Instant now = ScheduleSpecs.at("2026-11-25T18:55+01:00"); now.isBefore(ScheduleSpecs.at("2026-11-26T07:05+01:00")); now = now.plus(Duration.ofMinutes(1))) {
            ScheduleDecision decision = Schedule.decide(office, now);
            NextStep step = TransitionPlan.next(TransitionProgress.fromJson(stored), decision, cluster.observe(now), office.drainTimeout(), now);
            stored = step.progress().toJson();
            cluster.act(step.action(), now);
            if (step.action() != TransitionAction.NONE && !step.action().name().startsWith("WAIT")) {
                events.add(new Event(now, step.action(), step.progress().toString()));
            }
            if (step.timeToWake() != null) {
                timeToWake = step.timeToWake();
                awakeAgainAt = now;
            }
        }

        assertThat(events).containsExactly(
                new Event(ScheduleSpecs.at("2026-11-25T19:00+01:00"), TransitionAction.SCALE_WORKLOADS_TO_ZERO, "FallingAsleep/ScaleWorkloadsToZero"),
                new Event(ScheduleSpecs.at("2026-11-25T19:03+01:00"), TransitionAction.SCALE_POOLS_TO_ZERO, "FallingAsleep/ScalePoolsToZero"),
                new Event(ScheduleSpecs.at("2026-11-26T06:40+01:00"), TransitionAction.RESTORE_POOLS, "Waking/RestorePools"),
                new Event(ScheduleSpecs.at("2026-11-26T06:41+01:00"), TransitionAction.RESTORE_WORKLOADS, "Waking/RestoreWorkloads"));
        assertThat(timeToWake).isEqualTo(Duration.ofMinutes(14));
        assertThat(awakeAgainAt).isBefore(ScheduleSpecs.at("2026-11-26T07:00+01:00"));
        assertThat(TransitionProgress.fromJson(stored).phase()).isEqualTo(SleepPhase.Awake);
    }

    @Test
    void drainTimeoutBoundsTheWaitWhenPodsNeverLeave() {
        FakeCluster stuck = new FakeCluster() {
            @Override
            TransitionObservations observe(Instant now) {
                TransitionObservations o = super.observe(now);
                return new TransitionObservations(o.workloadsAtZero(), false, o.poolsAtZero(), o.poolsRestored(), o.workloadsRestored(), o.servingReady());
            }
        };
        Instant start = ScheduleSpecs.at("2026-11-25T19:00+01:00");
        TransitionProgress p = TransitionProgress.settled(SleepPhase.Awake, start);
        Instant pooled = null;

        for (Instant now = start; now.isBefore(start.plus(Duration.ofMinutes(30))); now = now.plus(Duration.ofMinutes(1))) {
            NextStep step = TransitionPlan.next(p, ScheduleState.ASLEEP, stuck.observe(now), Duration.ofMinutes(10), now);
            p = step.progress();
            stuck.act(step.action(), now);
            if (step.action() == TransitionAction.SCALE_POOLS_TO_ZERO) {
                pooled = now;
            }
        }

        assertThat(pooled).isEqualTo(start.plus(Duration.ofMinutes(11)));
        assertThat(p.phase()).isEqualTo(SleepPhase.Asleep);
    }
}
