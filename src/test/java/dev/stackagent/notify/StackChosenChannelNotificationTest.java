package dev.stackagent.notify;

import static dev.stackagent.notify.NotifyFixtures.SHA;
import static dev.stackagent.notify.NotifyFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.desired.Stack;
import dev.stackagent.notify.alert.AlertChannel;
import dev.stackagent.notify.alert.AlertReporter;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncResult;
import dev.stackagent.testing.MutableClock;
import dev.stackagent.testing.Stacks;

/**
 * {@code notifications.alerts} in {@code stack.yaml}: a stack chooses among the channels the platform team configured;
 * a name that is not one of them is ignored (a commit never adds a destination); without the field every channel alerts.
 */
class StackChosenChannelNotificationTest {
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(T0);
    final NotifyFixtures.Parts parts = new NotifyFixtures.Parts(clock);
    FakeProviderApi pager;
    FakeProviderApi team;

    @org.junit.jupiter.api.BeforeEach
    void start() throws Exception {
        pager = new FakeProviderApi();
        team = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        pager.close();
        team.close();
    }

    private Notifier notifier() throws Exception {
        Path pagerUrl = NotifyFixtures.secret(tmp, "pager.url", pager.base() + "/alerts");
        Path teamUrl = NotifyFixtures.secret(tmp, "team.url", team.base() + "/alerts");
        AlertReporter alerts = new AlertReporter(Map.of(
                "pager", new AlertChannel("pager", AlertChannel.Type.WEBHOOK, pagerUrl.toString()),
                "team", new AlertChannel("team", AlertChannel.Type.WEBHOOK, teamUrl.toString())),
                Map.of(), "prod-eu", 100, clock, parts.metrics, parts.sender::send);
        return new Notifier(null, alerts, Duration.ofMinutes(30), clock, null);
    }

    private static Stack stack(String notifications) {
        return Stacks.load(Map.of("stacks/chat/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces: [{name: llm}]
                """ + notifications));
    }

    @Test
    void stackYamlNotificationAlertsGoOnlyToTheChosenConfiguredChannels() throws Exception {
        Stack stack = stack("notifications: {alerts: [team, https://attacker.example/hook]}\n");
        assertThat(stack.config().notifications().alerts()).containsExactly("team", "https://attacker.example/hook");

        notifier().synced(stack, SyncResult.of("chat", SHA).failed(FailureReason.ApplyFailed, "apply failed"));

        await().atMost(Duration.ofSeconds(10)).until(() -> team.requests().size() == 1);
        assertThat(team.requests().get(0).json().get("stack").asText()).isEqualTo("chat");
        assertThat(pager.requests()).as("a channel the stack did not choose").isEmpty();
    }

    @Test
    void stackYamlWithoutNotificationAlertsEveryConfiguredChannel() throws Exception {
        notifier().synced(stack(""), SyncResult.of("chat", SHA).failed(FailureReason.ApplyFailed, "apply failed"));

        await().atMost(Duration.ofSeconds(10)).until(() -> team.requests().size() == 1 && pager.requests().size() == 1);
    }
}
