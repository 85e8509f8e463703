package dev.stackagent.notify;

import dev.stackagent.testing.CapturedLogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.notify.alert.AlertChannel;
import dev.stackagent.notify.alert.AlertKind;
import dev.stackagent.notify.alert.AlertReporter;
import dev.stackagent.notify.alert.AlertRules;
import dev.stackagent.notify.delivery.NotificationMetrics.Result;
import dev.stackagent.testing.MutableClock;

/**
 * Alerts to a Slack incoming webhook and a generic JSON webhook: the payloads, firing sent once and
 * "resolved" when the condition clears, a per-channel rate limit, and routes that can only choose
 * among the channels the platform team configured.
 */
class SlackAlertNotificationTest {
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(NotifyFixtures.T0);
    final NotifyFixtures.Parts parts = new NotifyFixtures.Parts(clock);

    private AlertReporter reporter(Map<String, FakeProviderApi> apis, Map<String, List<String>> routes, int perMinute) throws Exception {
        Map<String, AlertChannel> channels = new java.util.LinkedHashMap<>();
        for (var e : apis.entrySet()) {
            String path = e.getKey().startsWith("slack") ? "/services/T000/B000/canarySlackSecret" : "/hooks/alerts";
            Path url = NotifyFixtures.secret(tmp, e.getKey() + ".url", e.getValue().base() + path);
            channels.put(e.getKey(), new AlertChannel(e.getKey(), e.getKey().startsWith("slack") ? AlertChannel.Type.SLACK
                    : AlertChannel.Type.WEBHOOK, url.toString()));
        }
        return new AlertReporter(channels, routes, "prod-eu", perMinute, clock, parts.metrics, parts.sender::send);
    }

    @Test
    void slackGetsTextAndAColouredAttachmentForFiringAndResolved() throws Exception {
        try (FakeProviderApi slack = new FakeProviderApi()) {
            AlertReporter alerts = reporter(Map.of("slack-oncall", slack), Map.of(), 10);
            alerts.fire("chat", AlertKind.VerificationFailed, "VerificationFailed", "model verification failed: chat (HTTP 503 <@here>)",
                    NotifyFixtures.SHA);
            alerts.resolve("chat", AlertKind.VerificationFailed, NotifyFixtures.SHA2);
            List<FakeProviderApi.Recorded> r = slack.requests();
            assertThat(r).hasSize(2);
            assertThat(r.get(0).path()).isEqualTo("/services/T000/B000/canarySlackSecret");
            assertThat(r.get(0).header("Content-Type")).isEqualTo("application/json");
            JsonNode firing = r.get(0).json();
            assertThat(firing.get("text").asText()).isEqualTo(":warning: [FIRING] stack chat on prod-eu: VerificationFailed");
            assertThat(firing.at("/attachments/0/color").asText()).isEqualTo("danger");
            assertThat(firing.at("/attachments/0/text").asText()).contains("HTTP 503 &lt;@here&gt;"); // no mention, no forged link
            JsonNode resolved = r.get(1).json();
            assertThat(resolved.get("text").asText()).startsWith(":white_check_mark: [RESOLVED] stack chat");
            assertThat(resolved.at("/attachments/0/color").asText()).isEqualTo("good");
        }
    }

    @Test
    void theGenericWebhookGetsTheAlertsFieldsAsJson() throws Exception {
        try (FakeProviderApi hook = new FakeProviderApi()) {
            AlertReporter alerts = reporter(Map.of("pager", hook), Map.of(), 10);
            alerts.fire("chat", AlertKind.SyncFailed, "ApplyFailed", "apps/v1 Deployment llm/chat: forbidden", NotifyFixtures.SHA);
            JsonNode body = hook.requests().get(0).json();
            assertThat(hook.requests().get(0).path()).isEqualTo("/hooks/alerts");
            assertThat(body.get("stack").asText()).isEqualTo("chat");
            assertThat(body.get("cluster").asText()).isEqualTo("prod-eu");
            assertThat(body.get("kind").asText()).isEqualTo("SyncFailed");
            assertThat(body.get("reason").asText()).isEqualTo("ApplyFailed");
            assertThat(body.get("severity").asText()).isEqualTo("warning");
            assertThat(body.get("state").asText()).isEqualTo("firing");
            assertThat(body.get("message").asText()).isEqualTo("apps/v1 Deployment llm/chat: forbidden");
            assertThat(body.get("revision").asText()).isEqualTo(NotifyFixtures.SHA);
            assertThat(body.get("timestamp").asText()).isEqualTo("2026-12-02T08:00:00Z");
        }
    }

    @Test
    void aRepeatedFiringIsSuppressedAndResolvedIsSentOnceWhenItClears() throws Exception {
        try (FakeProviderApi hook = new FakeProviderApi()) {
            AlertReporter alerts = reporter(Map.of("pager", hook), Map.of(), 10);
            Set<AlertKind> judged = Set.of(AlertKind.SyncFailed, AlertKind.VerificationFailed);
            alerts.judge("chat", judged, Map.of(AlertKind.SyncFailed, new AlertRules.Firing("ApplyFailed", "boom")), NotifyFixtures.SHA);
            alerts.judge("chat", judged, Map.of(AlertKind.SyncFailed, new AlertRules.Firing("ApplyFailed", "boom again")), NotifyFixtures.SHA);
            alerts.judge("chat", judged, Map.of(AlertKind.SyncFailed, new AlertRules.Firing("ApplyFailed", "boom")), NotifyFixtures.SHA);
            assertThat(hook.count()).isEqualTo(1);
            alerts.judge("chat", judged, Map.of(), NotifyFixtures.SHA2);
            alerts.judge("chat", judged, Map.of(), NotifyFixtures.SHA2);
            assertThat(hook.requests()).extracting(r -> r.json().get("state").asText()).containsExactly("firing", "resolved");
            assertThat(hook.requests().get(1).json().get("revision").asText()).isEqualTo(NotifyFixtures.SHA2);
            assertThat(alerts.isFiring("chat", AlertKind.SyncFailed)).isFalse();
        }
    }

    @Test
    void aChannelTheStackNamesButThePlatformDidNotConfigureIsIgnoredWithAWarning() throws Exception {
        String logs;
        try (CapturedLogs captured = new CapturedLogs(); FakeProviderApi slack = new FakeProviderApi();
                FakeProviderApi hook = new FakeProviderApi()) {
            AlertReporter alerts = reporter(Map.of("slack-ml", slack, "pager", hook),
                    Map.of("chat", List.of("slack-ml", "https://attacker.example/collect"), "batch", List.of("nowhere")), 10);
            alerts.fire("chat", AlertKind.SyncFailed, "ApplyFailed", "x", NotifyFixtures.SHA);
            alerts.fire("batch", AlertKind.SyncFailed, "ApplyFailed", "x", NotifyFixtures.SHA);
            alerts.fire("other", AlertKind.SyncFailed, "ApplyFailed", "x", NotifyFixtures.SHA); // no route: every channel
            assertThat(slack.count()).isEqualTo(2); // chat and other
            assertThat(hook.count()).isEqualTo(1); // other only
            alerts.routeStack("batch", List.of("pager", "http://attacker.example/")); // as a stack.yaml would choose
            alerts.fire("batch", AlertKind.VerificationFailed, "VerificationFailed", "x", NotifyFixtures.SHA);
            assertThat(hook.count()).isEqualTo(2);
            assertThat(slack.count()).isEqualTo(2);
            logs = captured.text();
        }
        assertThat(logs).contains("stack chat routes alerts to channel https://attacker.example/collect, which the platform team did not "
                + "configure").contains("stack batch routes alerts to channel nowhere")
                .contains("stack batch routes alerts to channel http://attacker.example/");
        assertThat(logs).doesNotContain("canarySlackSecret");
    }

    @Test
    void alertsToOneChannelAreRateLimitedPerMinuteAndTheDropIsCounted() throws Exception {
        try (FakeProviderApi slack = new FakeProviderApi()) {
            AlertReporter alerts = reporter(Map.of("slack-oncall", slack), Map.of(), 2);
            alerts.fire("a", AlertKind.SyncFailed, "ApplyFailed", "x", null);
            alerts.fire("b", AlertKind.SyncFailed, "ApplyFailed", "x", null);
            alerts.fire("c", AlertKind.SyncFailed, "ApplyFailed", "x", null);
            assertThat(slack.count()).isEqualTo(2);
            assertThat(parts.count("slack", Result.dropped)).isEqualTo(1);
            clock.advance(Duration.ofSeconds(61));
            alerts.fire("d", AlertKind.SyncFailed, "ApplyFailed", "x", null);
            assertThat(slack.count()).isEqualTo(3);
        }
    }
}
