package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stackagent.report.ClusterRequests;
import dev.stackagent.schedule.ScheduleState;

/** How the agent reads the annotations the CLI writes on a Stack resource. */
class StackAnnotationsTest {
    static final Instant NOW = Instant.parse("2026-12-02T20:00:00Z");
    static final Duration MAX = Duration.ofHours(12);

    @Test
    void readsAnnotationsOfSuspendAndReconcile() {
        ClusterRequests r = StackAnnotations.read(Map.of(StackAnnotations.SUSPENDED, "true", StackAnnotations.SUSPENDED_REASON, "INC-42",
                StackAnnotations.RECONCILE_REQUESTED_AT, "2026-12-02T19:59:59.123Z", StackAnnotations.RECONCILE_WITH_SOURCE, "true"), NOW, MAX);

        assertThat(r.suspended()).isTrue();
        assertThat(r.suspendedReason()).isEqualTo("INC-42");
        assertThat(r.reconcileRequestedAt()).isEqualTo("2026-12-02T19:59:59.123Z");
        assertThat(r.withSource()).isTrue();
        assertThat(r.override()).isNull();
    }

    @Test
    void readsAnnotationsOfAWakeAsAnOverrideUntilItExpires() {
        Map<String, String> a = Map.of(StackAnnotations.SCHEDULE_OVERRIDE, "awake", StackAnnotations.SCHEDULE_OVERRIDE_UNTIL, "2026-12-02T22:00:00Z");

        ClusterRequests now = StackAnnotations.read(a, NOW, MAX);
        ClusterRequests later = StackAnnotations.read(a, Instant.parse("2026-12-02T22:00:00Z"), MAX);

        assertThat(now.override().state()).isEqualTo(ScheduleState.AWAKE);
        assertThat(now.overrideAt(NOW)).isEqualTo("awake until 2026-12-02T22:00:00Z");
        assertThat(later.override()).as("expired: ignored").isNull();
        assertThat(later.overrideRefusal()).isNull();
    }

    @Test
    void ignoresAnnotationsOfASleepLongerThanThePolicyWithTheReason() {
        ClusterRequests r = StackAnnotations.read(Map.of(StackAnnotations.SCHEDULE_OVERRIDE, "asleep",
                StackAnnotations.SCHEDULE_OVERRIDE_UNTIL, "2026-12-03T20:00:00Z"), NOW, MAX);

        assertThat(r.override()).isNull();
        assertThat(r.overrideAt(NOW)).isEqualTo("asleep until 2026-12-03T20:00:00Z is longer than the policy's maxScheduleOverride 12h (ignored)");
    }

    @Test
    void unreadableAnnotationsSayWhich() {
        assertThat(StackAnnotations.read(Map.of(StackAnnotations.SCHEDULE_OVERRIDE, "sleepy", StackAnnotations.SCHEDULE_OVERRIDE_UNTIL,
                "2026-12-02T22:00:00Z"), NOW, MAX).overrideRefusal())
                .isEqualTo("schedule override ignored: stack-agent.dev/schedule-override must be awake or asleep (was 'sleepy')");
        assertThat(StackAnnotations.read(Map.of(StackAnnotations.SCHEDULE_OVERRIDE, "awake", StackAnnotations.SCHEDULE_OVERRIDE_UNTIL,
                "tonight"), NOW, MAX).overrideRefusal()).contains("stack-agent.dev/schedule-override-until is not an RFC 3339 instant");
        assertThat(StackAnnotations.read(Map.of(StackAnnotations.SUSPENDED, "false", StackAnnotations.SUSPENDED_REASON, "x"), NOW, MAX))
                .isEqualTo(ClusterRequests.NONE);
    }
}
