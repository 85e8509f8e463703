package dev.stackagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.Stack;
import dev.stackagent.report.ClusterRequests;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.schedule.ClusterOverride;
import dev.stackagent.schedule.CostModel;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.status.StackStatus;
import dev.stackagent.status.StatusStore;
import dev.stackagent.testing.Stacks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What stack-agent suspend and wake|sleep show in the metrics and in GET /api/v1/stacks. */
class SuspendedAndOverrideMetricsTest {
    static final Instant T = Instant.parse("2026-12-02T20:00:00Z");
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final StackMetrics metrics = new StackMetrics(registry, CostModel.defaults(), pool -> OptionalInt.empty());
    final StatusStore status = new StatusStore();
    final Stack stack = Stacks.load(Map.of("stacks/demo/stack.yaml", """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces: [{name: llm}]
            """));

    SyncResult synced(ClusterRequests requests) {
        return SyncResult.of("demo", "rev1").withStatus(SyncStatus.OutOfSync).withRequests(requests).finishedAt(T, Duration.ofMillis(5));
    }

    double gauge(String name) {
        return registry.get(name).tag("stack", "demo").gauge().value();
    }

    @Test
    void suspendCommandShowsInTheMetricAndTheStatusApiUntilResume() {
        SyncResult suspended = synced(new ClusterRequests(null, false, true, "INC-42", null, null));
        metrics.synced(stack, suspended);
        status.synced(stack, suspended);

        assertThat(gauge("stack_agent.stack.suspended")).isEqualTo(1.0);
        StackStatus.Requests shown = status.get("demo").orElseThrow().requests();
        assertThat(shown.suspended()).isTrue();
        assertThat(shown.suspendedReason()).isEqualTo("INC-42");

        SyncResult resumed = synced(ClusterRequests.NONE);
        metrics.synced(stack, resumed);
        status.synced(stack, resumed);

        assertThat(gauge("stack_agent.stack.suspended")).isEqualTo(0.0);
        assertThat(status.get("demo").orElseThrow().requests()).isEqualTo(StackStatus.Requests.NONE);
    }

    @Test
    void wakeCommandOverrideShowsInTheMetricAndTheStatusApiWhileItLasts() {
        ClusterOverride wake = new ClusterOverride(ScheduleState.AWAKE, T.plus(Duration.ofHours(2)));
        SyncResult awake = synced(new ClusterRequests("2026-12-02T19:59:00Z", false, false, null, wake, null));
        metrics.synced(stack, awake);
        status.synced(stack, awake);

        assertThat(gauge("stack_agent.schedule.override")).isEqualTo(1.0);
        assertThat(status.get("demo").orElseThrow().requests().scheduleOverride()).isEqualTo("awake until 2026-12-02T22:00:00Z");
        assertThat(status.get("demo").orElseThrow().requests().lastHandledReconcileAt()).isEqualTo("2026-12-02T19:59:00Z");

        SyncResult later = SyncResult.of("demo", "rev1").withRequests(new ClusterRequests(null, false, false, null, wake, null))
                .finishedAt(T.plus(Duration.ofHours(2)), Duration.ZERO);
        metrics.synced(stack, later);

        assertThat(gauge("stack_agent.schedule.override")).as("expired").isEqualTo(0.0);
    }
}
