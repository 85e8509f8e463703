package dev.stackagent.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.config.NotificationConfig;
import dev.stackagent.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code stack-agent.notifications.*} as documented, read by SmallRye Config (with Quarkus' {@code 30m} durations), turned into a running
 * notifier: statuses and alerts reach their loopback fakes through the queue's own thread.
 */
class NotificationSetupTest {
    @TempDir
    Path tmp;

    static NotificationConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NotificationConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(NotificationConfig.class);
    }

    @Test
    void nothingIsSentUntilNotificationsAreConfigured() {
        NotificationConfig c = config(Map.of());
        assertThat(c.commitStatus().tokenFile()).isEmpty();
        assertThat(c.alerts().channels()).isEmpty();
        assertThat(c.queueCapacity()).isEqualTo(1000);
        assertThat(c.alerts().maxPerMinute()).isEqualTo(10);
        Notifier n = NotificationSetup.create(c, Optional.of("https://github.com/acme/cfg.git"), "prod", new SimpleMeterRegistry(),
                (p, s, k, e) -> { }, new MutableClock(NotifyFixtures.T0));
        n.revisionLoaded("chat", NotifyFixtures.SHA, List.of()); // no provider, no channel: nothing to do
        n.close();
    }

    @Test
    void configuredNotificationsReachTheCommitStatusProviderAndTheSlackChannel() throws Exception {
        try (FakeProviderApi gitea = new FakeProviderApi(); FakeProviderApi slack = new FakeProviderApi()) {
            Map<String, String> p = new HashMap<>();
            p.put("stack-agent.notifications.commit-status.token-file", NotifyFixtures.secret(tmp, "token", "gitea-tok").toString());
            p.put("stack-agent.notifications.commit-status.provider", "forgejo");
            p.put("stack-agent.notifications.commit-status.base-url", gitea.base());
            p.put("stack-agent.notifications.alerts.channels.oncall.type", "slack");
            p.put("stack-agent.notifications.alerts.channels.oncall.url-file", NotifyFixtures.secret(tmp, "slack", slack.base() + "/s/x").toString());
            p.put("stack-agent.notifications.alerts.routes.chat", "oncall, not-configured");
            NotifyFixtures.RecordedSleeps sleeps = new NotifyFixtures.RecordedSleeps();
            try (Notifier n = NotificationSetup.create(config(p), Optional.of("git@git.corp.example:ops/config.git"), "prod",
                    new SimpleMeterRegistry(), (a, b, c, d) -> { }, new MutableClock(NotifyFixtures.T0), HttpClient.newHttpClient(), sleeps)) {
                n.revisionLoaded("chat", NotifyFixtures.SHA, List.of(new dev.stackagent.desired.ValidationError("stacks/chat/stack.yaml", 7, null,
                        "schedule", "unknown field")));
                await().atMost(Duration.ofSeconds(20)).until(() -> gitea.count() == 1 && slack.count() == 1);
            }
            assertThat(gitea.requests().get(0).path()).isEqualTo("/api/v1/repos/ops/config/statuses/" + NotifyFixtures.SHA);
            assertThat(gitea.requests().get(0).json().get("context").asText()).isEqualTo("stack-agent/prod/chat");
            assertThat(gitea.requests().get(0).json().get("description").asText())
                    .isEqualTo("rejected: stacks/chat/stack.yaml:7: field schedule: unknown field");
            assertThat(slack.requests().get(0).json().get("text").asText()).contains("[FIRING] stack chat on prod: RevisionRejected");
        }
    }

    @Test
    void aNotificationChannelOfUnknownTypeStopsTheAgentWithOneLine() {
        Map<String, String> p = Map.of("stack-agent.notifications.alerts.channels.x.type", "teams",
                "stack-agent.notifications.alerts.channels.x.url-file", "/secrets/x");
        assertThatThrownBy(() -> NotificationSetup.create(config(p), Optional.empty(), "prod", new SimpleMeterRegistry(), (a, b, c, d) -> { },
                new MutableClock(NotifyFixtures.T0))).hasMessage("alert channel type teams is not slack or webhook");
    }
}
