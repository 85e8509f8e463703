package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.ScheduleSpec;

/** The precedence of a cluster override (stack-agent wake|sleep) over Git's schedule and Git's overrides, and its expiry. */
class ClusterOverrideScheduleTest {
    static final ScheduleSpec.Window WEEKDAYS = new ScheduleSpec.Window(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(7, 0), LocalTime.of(19, 0));
    static final ScheduleSpec SPEC = new ScheduleSpec("UTC", List.of(WEEKDAYS), null, null, Duration.ZERO, null, null, null);
    /** Wednesday 20:00 UTC: asleep by Git's windows. */
    static final Instant EVENING = Instant.parse("2026-12-02T20:00:00Z");

    @Test
    void wakeOverrideBeatsGitsScheduleUntilItEnds() {
        ClusterOverride wake = new ClusterOverride(ScheduleState.AWAKE, EVENING.plus(Duration.ofHours(2)));

        ScheduleDecision d = Schedule.decide(SPEC, EVENING, wake);

        assertThat(d.state()).isEqualTo(ScheduleState.AWAKE);
        assertThat(d.reason()).isEqualTo(DecisionReason.CLUSTER_OVERRIDE);
        assertThat(d.detail()).isEqualTo("cluster override: awake until 2026-12-02T22:00:00Z");
        assertThat(d.nextTransition()).as("Git wants it asleep then: the override's end is the next transition")
                .isEqualTo(Instant.parse("2026-12-02T22:00:00Z"));
    }

    @Test
    void wakeOverrideExpiresAndGitsScheduleDecidesAgain() {
        ClusterOverride wake = new ClusterOverride(ScheduleState.AWAKE, EVENING.plus(Duration.ofHours(2)));

        ScheduleDecision at = Schedule.decide(SPEC, Instant.parse("2026-12-02T22:00:00Z"), wake);

        assertThat(at.state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(at.reason()).isEqualTo(DecisionReason.OUTSIDE_WINDOWS);
        assertThat(at.nextTransition()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
    }

    @Test
    void sleepOverrideBeatsAnAwakeWindowAndGitsOwnOverride() {
        Instant noon = Instant.parse("2026-12-02T12:00:00Z");
        ScheduleSpec withGitOverride = new ScheduleSpec("UTC", List.of(WEEKDAYS), null,
                List.of(new ScheduleSpec.Override(ScheduleSpec.Override.State.Awake, OffsetDateTime.parse("2026-12-03T12:00:00Z"), "demo")),
                Duration.ZERO, null, null, null);
        ClusterOverride sleep = new ClusterOverride(ScheduleState.ASLEEP, noon.plus(Duration.ofHours(3)));

        ScheduleDecision d = Schedule.decide(withGitOverride, noon, sleep);

        assertThat(d.state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(d.reason()).isEqualTo(DecisionReason.CLUSTER_OVERRIDE);
        assertThat(Schedule.decide(withGitOverride, noon.plus(Duration.ofHours(3)), sleep).reason())
                .as("after the cluster override, Git's override decides again").isEqualTo(DecisionReason.OVERRIDE);
    }

    @Test
    void wakeOverrideThatEndsInsideAWindowHasGitsNextTransition() {
        Instant morning = Instant.parse("2026-12-02T06:00:00Z");
        ClusterOverride wake = new ClusterOverride(ScheduleState.AWAKE, Instant.parse("2026-12-02T08:00:00Z"));

        ScheduleDecision d = Schedule.decide(SPEC, morning, wake);

        assertThat(d.reason()).isEqualTo(DecisionReason.CLUSTER_OVERRIDE);
        assertThat(d.nextTransition()).as("awake on both sides of its end: the window's end is next")
                .isEqualTo(Instant.parse("2026-12-02T19:00:00Z"));
    }

    @Test
    void sleepOverrideOnAStackWithoutScheduleThenAwakeAgain() {
        ClusterOverride sleep = new ClusterOverride(ScheduleState.ASLEEP, EVENING.plus(Duration.ofHours(8)));

        assertThat(Schedule.decide(null, EVENING, sleep).state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(Schedule.decide(null, EVENING, sleep).nextTransition()).isEqualTo(EVENING.plus(Duration.ofHours(8)));
        assertThat(Schedule.decide(null, EVENING.plus(Duration.ofHours(8)), sleep)).isEqualTo(ScheduleDecision.NO_SCHEDULE);
    }

    @Test
    void overrideLongerThanThePolicyIsRefusedWithTheBound() {
        ClusterOverride day = new ClusterOverride(ScheduleState.AWAKE, EVENING.plus(Duration.ofHours(24)));

        assertThat(day.refusal(EVENING, Duration.ofHours(12))).hasValue(
                "awake until 2026-12-03T20:00:00Z is longer than the policy's maxScheduleOverride 12h (ignored)");
        assertThat(new ClusterOverride(ScheduleState.AWAKE, EVENING.plus(Duration.ofHours(12)).plusSeconds(30))
                .refusal(EVENING, Duration.ofHours(12))).as("a minute of clock skew is allowed").isEmpty();
    }
}
