package dev.stackagent.notify;

import static dev.stackagent.notify.NotifyFixtures.SHA;
import static dev.stackagent.notify.NotifyFixtures.SHA2;
import static dev.stackagent.notify.NotifyFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.desired.ValidationError;
import dev.stackagent.notify.alert.AlertChannel;
import dev.stackagent.notify.alert.AlertReporter;
import dev.stackagent.notify.status.CommitStatusReporter;
import dev.stackagent.notify.status.Provider;
import dev.stackagent.notify.status.RepoLocation;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionProgress;
import dev.stackagent.schedule.TransitionStep;
import dev.stackagent.testing.MutableClock;

/**
 * The notifier as the agent's loop drives it: what a committer sees on the commit (pending when
 * loaded, then the outcome in one line; only state changes) and which alerts on-call gets.
 */
class NotificationFlowTest {
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(T0);
    final NotifyFixtures.Parts parts = new NotifyFixtures.Parts(clock);
    FakeProviderApi github;
    FakeProviderApi hook;
    Notifier notifier;

    @BeforeEach
    void start() throws Exception {
        github = new FakeProviderApi();
        hook = new FakeProviderApi();
        Path token = NotifyFixtures.secret(tmp, "token", "tok");
        Path url = NotifyFixtures.secret(tmp, "hook.url", hook.base() + "/alerts");
        CommitStatusReporter statuses = new CommitStatusReporter(new RepoLocation(Provider.GITHUB, github.base(), "acme/cfg"), token.toString(),
                null, "prod-eu", parts.sender::send);
        AlertReporter alerts = new AlertReporter(Map.of("pager", new AlertChannel("pager", AlertChannel.Type.WEBHOOK, url.toString())),
                Map.of(), "prod-eu", 100, clock, parts.metrics, parts.sender::send);
        notifier = new Notifier(statuses, alerts, Duration.ofMinutes(30), clock, null);
    }

    @AfterEach
    void stop() {
        github.close();
        hook.close();
    }

    private List<String> statuses() {
        return github.requests().stream().map(r -> r.path().substring(r.path().lastIndexOf('/') + 1, r.path().lastIndexOf('/') + 8) + " "
                + r.json().get("state").asText() + " " + r.json().get("description").asText()).toList();
    }

    private List<String> alerts() {
        return hook.requests().stream().map(r -> r.json().get("state").asText() + " " + r.json().get("stack").asText() + " "
                + r.json().get("kind").asText()).toList();
    }

    @Test
    void aCommitStatusIsPendingWhenLoadedThenSuccessAndARepeatedOutcomePostsNothing() {
        notifier.revisionLoaded("chat", SHA, List.of());
        notifier.synced(NotifyFixtures.stack("chat"), NotifyFixtures.success("chat", SHA, 2));
        notifier.synced(NotifyFixtures.stack("chat"), NotifyFixtures.success("chat", SHA, 0)); // a resync: same state
        assertThat(statuses()).containsExactly("4f2a9c1 pending revision loaded; waiting for the sync",
                "4f2a9c1 success applied 2 objects; healthy; model verified 4/4, p95 420 ms");
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aRejectedRevisionFailsWithTheFirstErrorsFileAndLineAndAlertsUntilFixed() {
        notifier.revisionLoaded("chat", SHA, List.of(new ValidationError("stacks/chat/model.yaml", 14, "Deployment llm/chat",
                "spec.replicas", "must be an integer"), new ValidationError("stacks/chat/stack.yaml", 3, null, null, "x")));
        notifier.revisionLoaded("chat", SHA2, List.of());
        assertThat(statuses()).containsExactly(
                "4f2a9c1 failure rejected (+1 more): stacks/chat/model.yaml:14: Deployment llm/chat: field spec.replicas: must be an integer",
                "9e8d7c6 pending revision loaded; waiting for the sync");
        assertThat(alerts()).containsExactly("firing chat RevisionRejected", "resolved chat RevisionRejected");
    }

    @Test
    void anApplyFailureIsAnErrorAndAFailedVerificationAFailure() {
        notifier.synced(NotifyFixtures.stack("chat"), SyncResult.of("chat", SHA).failed(FailureReason.ApplyFailed,
                "apps/v1 Deployment llm/chat: forbidden"));
        SyncResult unverified = NotifyFixtures.success("chat", SHA2, 1).withAssessment(new SyncResult.Assessment(NotifyFixtures.healthy(),
                NotifyFixtures.verified(3, 4, 900), null));
        notifier.synced(NotifyFixtures.stack("chat"), unverified);
        assertThat(statuses()).containsExactly("4f2a9c1 error apply failed: apps/v1 Deployment llm/chat: forbidden",
                "9e8d7c6 failure applied 1 object; model verification failed: check-3 (HTTP 503)");
        assertThat(alerts()).containsExactly("firing chat SyncFailed", "resolved chat SyncFailed", "firing chat VerificationFailed");
        notifier.synced(NotifyFixtures.stack("chat"), NotifyFixtures.success("chat", SHA2, 0));
        assertThat(alerts()).last().isEqualTo("resolved chat VerificationFailed");
        assertThat(statuses()).last().isEqualTo("9e8d7c6 success in sync; healthy; model verified 4/4, p95 420 ms");
    }

    @Test
    void aNewRevisionThatLeavesAStackUnchangedCarriesItsLastOutcome() {
        notifier.lookUpStacksWith(name -> Optional.of(NotifyFixtures.stack(name)));
        notifier.synced(NotifyFixtures.stack("chat"), NotifyFixtures.success("chat", SHA, 2));
        notifier.revisionLoaded("chat", SHA2, List.of());
        assertThat(statuses()).last().isEqualTo("9e8d7c6 success stack unchanged; applied 2 objects; healthy; model verified 4/4, p95 420 ms");
        notifier.lookUpStacksWith(name -> Optional.of(new dev.stackagent.desired.Stack(name, "stacks/elsewhere", null, List.of())));
        notifier.revisionLoaded("chat", "0123456789abcdef0123456789abcdef01234567", List.of());
        assertThat(statuses()).last().isEqualTo("0123456 pending revision loaded; waiting for the sync");
    }

    @Test
    void aLongNotificationDescriptionIsCutToOneLineOf140Characters() {
        notifier.synced(NotifyFixtures.stack("chat"), SyncResult.of("chat", SHA).failed(FailureReason.ReadFailed, "line one\nline two "
                + "x".repeat(300)));
        String description = github.requests().get(0).json().get("description").asText();
        assertThat(description).hasSize(140).startsWith("apply failed: line one line two xxx").endsWith("...").doesNotContain("\n");
    }

    private static SleepReport sleep(ScheduleState state, TransitionProgress progress) {
        return new SleepReport(new ScheduleDecision(state, DecisionReason.WINDOW, "window Mon-Fri 07:00-19:00", false, null), progress,
                TransitionAction.NONE, null, null);
    }

    @Test
    void notificationAlertsForAPoolStillRunningWhileAsleepAndAStackNotReadyInItsWindow() {
        SyncResult fallingAsleep = SyncResult.of("chat", SHA).withSleep(sleep(ScheduleState.ASLEEP,
                new TransitionProgress(SleepPhase.FallingAsleep, TransitionStep.WaitForDrain, T0.minus(Duration.ofMinutes(10)), T0)));
        notifier.synced(NotifyFixtures.stack("chat"), fallingAsleep);
        assertThat(alerts()).isEmpty(); // within the grace
        clock.advance(Duration.ofMinutes(25));
        notifier.synced(NotifyFixtures.stack("chat"), fallingAsleep);
        assertThat(alerts()).containsExactly("firing chat PoolRunningWhileAsleep");
        assertThat(hook.requests().get(0).json().get("message").asText())
                .isEqualTo("scheduled asleep (window Mon-Fri 07:00-19:00) but node pools still running after 35 min (step WaitForDrain)");

        SyncResult awakeButDegraded = SyncResult.of("chat", SHA).withSleep(sleep(ScheduleState.AWAKE,
                TransitionProgress.settled(SleepPhase.Awake, T0))).withAssessment(new SyncResult.Assessment(NotifyFixtures.degraded(), null, null));
        notifier.synced(NotifyFixtures.stack("chat"), awakeButDegraded);
        assertThat(alerts()).containsExactly("firing chat PoolRunningWhileAsleep", "resolved chat PoolRunningWhileAsleep",
                "firing chat NotReadyInWindow");
    }

    @Test
    void aGitFetchFailureAlertsOnceAboutTheAgentAndResolves() {
        notifier.fetched(SHA, Duration.ofSeconds(1), "AUTH_FAILED");
        notifier.fetched(SHA, Duration.ofSeconds(1), "AUTH_FAILED");
        notifier.fetched(SHA, Duration.ofSeconds(1), null);
        assertThat(alerts()).containsExactly("firing  GitFetchFailed", "resolved  GitFetchFailed");
        assertThat(github.requests()).isEmpty();
    }
}
