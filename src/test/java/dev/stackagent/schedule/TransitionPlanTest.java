package dev.stackagent.schedule;

import static dev.stackagent.schedule.ScheduleState.ASLEEP;
import static dev.stackagent.schedule.ScheduleState.AWAKE;
import static dev.stackagent.schedule.TransitionAction.NONE;
import static dev.stackagent.schedule.TransitionAction.RESTORE_POOLS;
import static dev.stackagent.schedule.TransitionAction.RESTORE_WORKLOADS;
import static dev.stackagent.schedule.TransitionAction.SCALE_POOLS_TO_ZERO;
import static dev.stackagent.schedule.TransitionAction.SCALE_WORKLOADS_TO_ZERO;
import static dev.stackagent.schedule.TransitionAction.WAIT_FOR_DRAIN;
import static dev.stackagent.schedule.TransitionAction.WAIT_FOR_READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state machine as a table. Progress is written {@code Phase/Step@phaseStart/stepStart} or
 * {@code Phase@since}, times in minutes after T0; observations are the names of those that hold.
 */
class TransitionPlanTest {
    static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
    static final Duration DRAIN = Duration.ofMinutes(10);

    record Case(String name, String persisted, ScheduleState desired, String seen, int now,
                String expected, TransitionAction action, Integer recheckAt, Integer timeToWake) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("awake stays awake", "Awake@0", AWAKE, "", 5, "Awake@0", NONE, null, null),
                new Case("sleep starts with the workloads", "Awake@0", ASLEEP, "", 10, "FallingAsleep/ScaleWorkloadsToZero@10/10", SCALE_WORKLOADS_TO_ZERO, null, null),
                new Case("workloads at zero: drain begins", "FallingAsleep/ScaleWorkloadsToZero@10/10", ASLEEP, "workloadsAtZero", 11, "FallingAsleep/WaitForDrain@10/11", WAIT_FOR_DRAIN, 21, null),
                new Case("restart mid-sleep keeps the drain deadline", "FallingAsleep/WaitForDrain@10/11", ASLEEP, "workloadsAtZero", 15, "FallingAsleep/WaitForDrain@10/11", WAIT_FOR_DRAIN, 21, null),
                new Case("restart before workloads were scaled repeats nothing done", "FallingAsleep/ScaleWorkloadsToZero@10/10", ASLEEP, "", 12, "FallingAsleep/ScaleWorkloadsToZero@10/10", SCALE_WORKLOADS_TO_ZERO, null, null),
                new Case("pods gone: pools to zero", "FallingAsleep/WaitForDrain@10/11", ASLEEP, "workloadsAtZero tpuPodsGone", 15, "FallingAsleep/ScalePoolsToZero@10/15", SCALE_POOLS_TO_ZERO, null, null),
                new Case("drain timeout: pools to zero anyway", "FallingAsleep/WaitForDrain@10/11", ASLEEP, "workloadsAtZero", 21, "FallingAsleep/ScalePoolsToZero@10/21", SCALE_POOLS_TO_ZERO, null, null),
                new Case("pools at zero: asleep", "FallingAsleep/ScalePoolsToZero@10/15", ASLEEP, "workloadsAtZero tpuPodsGone poolsAtZero", 20, "Asleep@20", NONE, null, null),
                new Case("several steps seen done at once", "FallingAsleep/ScaleWorkloadsToZero@10/10", ASLEEP, "workloadsAtZero tpuPodsGone", 12, "FallingAsleep/ScalePoolsToZero@10/12", SCALE_POOLS_TO_ZERO, null, null),
                new Case("asleep stays asleep", "Asleep@20", ASLEEP, "workloadsAtZero tpuPodsGone poolsAtZero", 300, "Asleep@20", NONE, null, null),
                new Case("wake starts with the pools", "Asleep@20", AWAKE, "workloadsAtZero tpuPodsGone poolsAtZero", 600, "Waking/RestorePools@600/600", RESTORE_POOLS, null, null),
                new Case("restart mid-wake before pools are back", "Waking/RestorePools@600/600", AWAKE, "workloadsAtZero tpuPodsGone", 603, "Waking/RestorePools@600/600", RESTORE_POOLS, null, null),
                new Case("pools back: workloads restored", "Waking/RestorePools@600/600", AWAKE, "poolsRestored", 605, "Waking/RestoreWorkloads@600/605", RESTORE_WORKLOADS, null, null),
                new Case("workloads back: wait for Ready", "Waking/RestoreWorkloads@600/605", AWAKE, "poolsRestored workloadsRestored", 606, "Waking/WaitForReady@600/606", WAIT_FOR_READY, null, null),
                new Case("restart mid-wake while not Ready", "Waking/WaitForReady@600/606", AWAKE, "poolsRestored workloadsRestored", 610, "Waking/WaitForReady@600/606", WAIT_FOR_READY, null, null),
                new Case("Ready: awake, time to wake measured", "Waking/WaitForReady@600/606", AWAKE, "poolsRestored workloadsRestored servingReady", 615, "Awake@615", NONE, null, 15),
                new Case("override to awake while draining", "FallingAsleep/WaitForDrain@10/11", AWAKE, "workloadsAtZero poolsRestored", 12, "Waking/RestoreWorkloads@12/12", RESTORE_WORKLOADS, null, null),
                new Case("override to awake after pools went down", "FallingAsleep/ScalePoolsToZero@10/15", AWAKE, "workloadsAtZero tpuPodsGone", 16, "Waking/RestorePools@16/16", RESTORE_POOLS, null, null),
                new Case("override to asleep while waking", "Waking/WaitForReady@600/606", ASLEEP, "poolsRestored workloadsRestored", 610, "FallingAsleep/ScaleWorkloadsToZero@610/610", SCALE_WORKLOADS_TO_ZERO, null, null),
                new Case("first start into an asleep cluster", null, ASLEEP, "workloadsAtZero tpuPodsGone poolsAtZero", 0, "Asleep@0", NONE, null, null),
                new Case("first start, schedule says asleep", null, ASLEEP, "poolsRestored workloadsRestored servingReady", 0, "FallingAsleep/ScaleWorkloadsToZero@0/0", SCALE_WORKLOADS_TO_ZERO, null, null),
                new Case("first start into an awake cluster: no wake measured", null, AWAKE, "poolsRestored workloadsRestored servingReady", 0, "Awake@0", NONE, null, null),
                new Case("first start, schedule says awake, pool asleep", null, AWAKE, "workloadsAtZero poolsAtZero", 0, "Waking/RestorePools@0/0", RESTORE_POOLS, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nextStep(Case c) {
        TransitionProgress persisted = progress(c.persisted());

        NextStep step = TransitionPlan.next(persisted, c.desired(), seen(c.seen()), DRAIN, minute(c.now()));

        assertThat(step.progress()).as("progress").isEqualTo(progress(c.expected()));
        assertThat(step.action()).as("action").isEqualTo(c.action());
        assertThat(step.recheckAt()).as("recheck at").isEqualTo(c.recheckAt() == null ? null : minute(c.recheckAt()));
        assertThat(step.timeToWake()).as("time to wake").isEqualTo(c.timeToWake() == null ? null : Duration.ofMinutes(c.timeToWake()));
        assertThat(TransitionPlan.next(persisted, c.desired(), seen(c.seen()), DRAIN, minute(c.now())))
                .as("same input, same step").isEqualTo(step);
    }

    static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    /** {@code Phase/Step@phaseStart/stepStart} or {@code Phase@since}. */
    static TransitionProgress progress(String text) {
        if (text == null) {
            return null;
        }
        String[] at = text.split("@");
        String[] names = at[0].split("/");
        String[] times = at[1].split("/");
        SleepPhase phase = SleepPhase.valueOf(names[0]);
        if (names.length == 1) {
            return TransitionProgress.settled(phase, minute(Integer.parseInt(times[0])));
        }
        return new TransitionProgress(phase, TransitionStep.valueOf(names[1]),
                minute(Integer.parseInt(times[0])), minute(Integer.parseInt(times[1])));
    }

    static TransitionObservations seen(String names) {
        List<String> n = List.of(names.split(" "));
        for (String s : n) {
            assertThat(s).isIn("", "workloadsAtZero", "tpuPodsGone", "poolsAtZero", "poolsRestored", "workloadsRestored", "servingReady");
        }
        return new TransitionObservations(n.contains("workloadsAtZero"), n.contains("tpuPodsGone"), n.contains("poolsAtZero"),
                n.contains("poolsRestored"), n.contains("workloadsRestored"), n.contains("servingReady"));
    }
}
