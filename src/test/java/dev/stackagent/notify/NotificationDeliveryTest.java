package dev.stackagent.notify;

import dev.stackagent.testing.CapturedLogs;

import static dev.stackagent.notify.NotifyFixtures.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.notify.delivery.Delivery;
import dev.stackagent.notify.delivery.DeliveryQueue;
import dev.stackagent.notify.delivery.NotificationMetrics.Result;
import dev.stackagent.notify.status.CommitState;
import dev.stackagent.notify.status.CommitStatusReporter;
import dev.stackagent.notify.status.Provider;
import dev.stackagent.notify.status.RepoLocation;
import dev.stackagent.notify.status.StatusOutcome;
import dev.stackagent.testing.MutableClock;

/**
 * How deliveries reach a provider: retried with backoff after a 5xx or a refused connection, rate
 * limits waited out (on an injected sleeper: nothing really waits), other 4xx given up at once, a
 * provider that keeps failing reported, the queue bounded (oldest dropped and counted), no token in logs.
 */
class NotificationDeliveryTest {
    static final String TOKEN = "ghp_canaryToken0123456789abcdefXYZ";

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(NotifyFixtures.T0);
    final NotifyFixtures.Parts parts = new NotifyFixtures.Parts(clock);

    private CommitStatusReporter github(String base, Path token) {
        return new CommitStatusReporter(new RepoLocation(Provider.GITHUB, base, "acme/cfg"), token.toString(), null, "prod", parts.sender::send);
    }

    private CommitStatusReporter github(FakeProviderApi api) throws Exception {
        return github(api.base(), NotifyFixtures.secret(tmp, "token", TOKEN));
    }

    @Test
    void aProviderAnswering502IsRetriedWithBackoffUntilItAccepts() throws Exception {
        try (FakeProviderApi api = new FakeProviderApi().answer(502).answer(503)) {
            github(api).report("chat", SHA, StatusOutcome.loaded());
            assertThat(api.count()).isEqualTo(3);
            assertThat(parts.sleeps.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(parts.count("github", Result.retried)).isEqualTo(2);
            assertThat(parts.count("github", Result.delivered)).isEqualTo(1);
            assertThat(parts.count("github", Result.failed)).isZero();
        }
    }

    @Test
    void aProviderRateLimitRetryAfterIsWaitedOut() throws Exception {
        try (FakeProviderApi api = new FakeProviderApi().answer(429, Map.of("Retry-After", "7"))) {
            github(api).report("chat", SHA, StatusOutcome.loaded());
            assertThat(api.count()).isEqualTo(2);
            assertThat(parts.sleeps.slept).containsExactly(Duration.ofSeconds(7));
            assertThat(parts.count("github", Result.delivered)).isEqualTo(1);
        }
    }

    @Test
    void githubRateLimitResetIsWaitedOutAndOther4xxAreNotRetried() throws Exception {
        long reset = NotifyFixtures.T0.getEpochSecond() + 30;
        try (FakeProviderApi api = new FakeProviderApi()
                .answer(403, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)))
                .answer(201).answer(403).answer(422)) {
            CommitStatusReporter reporter = github(api);
            reporter.report("chat", SHA, StatusOutcome.loaded());
            assertThat(parts.sleeps.slept).containsExactly(Duration.ofSeconds(31));
            reporter.report("chat", SHA, new StatusOutcome(CommitState.SUCCESS, "ok")); // 403 without rate-limit headers: no retry
            reporter.report("other", SHA, new StatusOutcome(CommitState.SUCCESS, "ok")); // 422: no retry
            assertThat(api.count()).isEqualTo(4);
            assertThat(parts.sleeps.slept).hasSize(1);
            assertThat(parts.count("github", Result.failed)).isEqualTo(2);
        }
    }

    @Test
    void aProviderThatKeepsFailingIsReportedOnceToTheFailureSink() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CommitStatusReporter reporter = github("http://127.0.0.1:" + closedPort, NotifyFixtures.secret(tmp, "token", TOKEN));
        for (int i = 0; i < 4; i++) {
            reporter.report("chat-" + i, SHA, StatusOutcome.loaded());
        }
        assertThat(parts.count("github", Result.failed)).isEqualTo(4);
        assertThat(parts.count("github", Result.retried)).isEqualTo(4 * 3);
        assertThat(parts.failing).singleElement().asString().startsWith("github chat-2 3 ConnectException");
    }

    @Test
    void theTokenNeverAppearsInLogsEvenWhenDeliveriesFail() throws Exception {
        String logs;
        try (CapturedLogs captured = new CapturedLogs();
                FakeProviderApi api = new FakeProviderApi().answer(401).answer(502).answer(502).answer(502).answer(502)) {
            CommitStatusReporter reporter = github(api);
            reporter.report("chat", SHA, StatusOutcome.loaded()); // 401
            reporter.report("chat", SHA, new StatusOutcome(CommitState.SUCCESS, "ok")); // 502 x4
            github(api.base(), tmp.resolve("missing-token")).report("chat", NotifyFixtures.SHA2, StatusOutcome.loaded());
            github("http://127.0.0.1:1", NotifyFixtures.secret(tmp, "token2", TOKEN)).report("x", SHA, StatusOutcome.loaded());
            github(api.base(), NotifyFixtures.secret(tmp, "token3", TOKEN + "\r\n" + TOKEN)).report("y", SHA, StatusOutcome.loaded());
            assertThat(api.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
            logs = captured.text();
        }
        assertThat(logs).contains("HTTP 401").contains("HTTP 502 after 4 attempts").contains("cannot read secret file").contains("cannot build the request")
                .contains("commit status pending for 4f2a9c1 stack-agent/prod/chat");
        assertThat(logs).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 12));
    }

    @Test
    void aFullNotificationQueueDropsTheOldestAndCountsIt() {
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DeliveryQueue queue = new DeliveryQueue(3, parts.metrics, d -> sent.add(d.what()))) {
            for (int i = 1; i <= 5; i++) {
                queue.submit(new Delivery("slack", null, "alert " + i, () -> null, null));
            }
            assertThat(queue.waiting()).isEqualTo(3);
            assertThat(parts.count("slack", Result.dropped)).isEqualTo(2);
            queue.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);
            assertThat(sent).containsExactly("alert 3", "alert 4", "alert 5");
        }
    }

    @Test
    void submittingNeverWaitsForASlowProvider() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DeliveryQueue queue = new DeliveryQueue(100, parts.metrics, d -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(d.what());
        }).start()) {
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                queue.submit(new Delivery("github", "chat", "status " + i, () -> null, null));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2)); // the sender is blocked throughout
            assertThat(sent).isEmpty();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 50);
            assertThat(sent.get(0)).isEqualTo("status 0");
            assertThat(sent.get(49)).isEqualTo("status 49");
        }
    }
}
