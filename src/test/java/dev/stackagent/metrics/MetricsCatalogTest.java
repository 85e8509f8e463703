package dev.stackagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stackagent.desired.Stack;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.schedule.CostModel;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionProgress;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.Stacks;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * {@code docs/metrics.md} against what the real producers export: a Prometheus registry fed by
 * {@link StackMetrics} (a day of the seed stack: synced, failed, asleep, woken) and by node pools
 * applied through the fake GKE API, scraped as {@code /q/metrics} serves it.
 */
class MetricsCatalogTest {
    static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    static MetricsCatalog catalog;
    static Scrape scrape;

    @BeforeAll
    static void scrapeTheProducers() throws Exception {
        catalog = MetricsCatalog.read();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Stack stack = seedStack();
        try (FakeClusterManager gke = new FakeClusterManager().start()) {
            gke.addCluster(stack.config().cluster());
            NodePools pools = new GkeNodePools(gke.client(), gke.nodeCounter(), registry,
                    new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(60), 5, Duration.ofMinutes(10)),
                    d -> { });
            pools.apply(stack.config().cluster(), stack.name(), stack.config().nodePools());
            gke.setNodeCount(stack.config().nodePools().get(0).name(), 1);
            pools.plan(stack.config().cluster(), stack.name(), stack.config().nodePools());
            StackMetrics metrics = new StackMetrics(registry, CostModel.defaults(), gke.nodeCounter());
            metrics.synced(stack, result(stack, SyncStatus.Synced, phase(SleepPhase.Awake, null), null, T0));
            metrics.synced(stack, result(stack, SyncStatus.Failed, phase(SleepPhase.Awake, null), "git: UNREACHABLE", T0.plusSeconds(60)));
            metrics.synced(stack, result(stack, SyncStatus.Synced, phase(SleepPhase.Asleep, null), null, T0.plusSeconds(3600)));
            metrics.synced(stack, result(stack, SyncStatus.Synced, phase(SleepPhase.Asleep, null), null, T0.plusSeconds(7200)));
            metrics.synced(stack, result(stack, SyncStatus.Synced, phase(SleepPhase.Awake, Duration.ofMinutes(13)), null,
                    T0.plusSeconds(9000)));
            metrics.fetched("0123456789abcdef0123456789abcdef01234567", Duration.ofMillis(180), null);
            metrics.fetched("0123456789abcdef0123456789abcdef01234567", Duration.ofMillis(30_000), "UNREACHABLE");
        }
        new dev.stackagent.triggers.WebhookMetrics(registry).record("github", "accepted");
        new dev.stackagent.notify.delivery.NotificationMetrics(registry).count("github", dev.stackagent.notify.delivery.NotificationMetrics.Result.delivered);
        var queue = dev.stackagent.triggers.WorkQueue.create(key -> dev.stackagent.triggers.Outcome.success(),
                dev.stackagent.triggers.WorkQueueOptions.defaults());
        queue.bindMetrics(registry);
        new dev.stackagent.triggers.Leadership(null, null, () -> { }, () -> { }).bindMetrics(registry);
        scrape = Scrape.parse(registry.scrape());
        queue.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void everyExportedFamilyIsDocumentedWithItsTypeAndLabels() {
        List<String> problems = new ArrayList<>();
        scrape.families().values().stream().filter(f -> f.name().startsWith("stack_agent_")).forEach(f -> {
            MetricsCatalog.Entry e = catalog.entryFor(f.name());
            if (e == null) {
                problems.add(f.name() + " is exported but not in docs/metrics.md");
            } else if (!f.name().endsWith("_max") && !e.type().equals(f.type())) {
                problems.add(f.name() + " is a " + f.type() + ", documented as a " + e.type());
            } else if (!e.labels().equals(f.labels())) {
                problems.add(f.name() + " has labels " + f.labels() + ", documented " + e.labels());
            }
        });
        assertThat(problems).isEmpty();
        assertThat(scrape.families()).as("the producers were fed").isNotEmpty();
    }

    @Test
    void everyDocumentedMetricWhoseEmitterExistsIsExported() {
        List<String> missing = catalog.entries().values().stream().filter(MetricsCatalog.Entry::emitterExists)
                .filter(e -> scrape.families().keySet().stream().noneMatch(f -> e.equals(catalog.entryFor(f))))
                .map(e -> e.name() + " (emitted by " + e.emitter() + ", on the classpath: feed it in MetricsCatalogTest)").toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void catalogListsTheMetricsOtherComponentsImplementByName() {
        assertThat(catalog.entries()).containsKeys("stack_agent_webhook_requests_total", "stack_agent_queue_depth",
                "stack_agent_git_fetch_duration_seconds", "stack_agent_git_fetch_errors_total", "stack_agent_revision_info",
                "stack_agent_verification_total", "stack_agent_verification_duration_seconds");
        assertThat(catalog.entries().values()).allSatisfy(e -> {
            assertThat(e.name()).matches("stack_agent_[a-z_]+");
            assertThat(e.type()).isIn("counter", "gauge", "histogram");
            assertThat(e.emitter()).matches("dev\\.stackagent\\.[a-z.]+\\.[A-Z][A-Za-z]+");
            if (e.type().equals("counter")) {
                assertThat(e.name()).endsWith("_total");
            }
        });
    }

    @Test
    void scrapePassesPromtoolCheckMetrics() throws Exception {
        Promtool.Run run = Promtool.run(scrape.text(), "check", "metrics");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private static SleepReport phase(SleepPhase phase, Duration timeToWake) {
        ScheduleState state = phase == SleepPhase.Asleep ? ScheduleState.ASLEEP : ScheduleState.AWAKE;
        return new SleepReport(new ScheduleDecision(state, DecisionReason.WINDOW, "test", false, null),
                TransitionProgress.settled(phase, T0), TransitionAction.NONE, null, timeToWake);
    }

    private static SyncResult result(Stack stack, SyncStatus status, SleepReport sleep, String error, Instant at) {
        SyncResult r = SyncResult.of(stack.name(), "0123456789abcdef0123456789abcdef01234567").withStatus(status).withSleep(sleep)
                .withAssessment(new SyncResult.Assessment(null, verification(at), null));
        return (error == null ? r : r.failed(FailureReason.ApplyFailed, error).withStatus(status)).finishedAt(at, Duration.ofMillis(1500));
    }

    private static dev.stackagent.verify.VerificationResult verification(Instant at) {
        return new dev.stackagent.verify.VerificationResult(true, java.net.URI.create("http://gw/ns/model"),
                List.of(new dev.stackagent.verify.VerificationCheck("health", true, "200", Duration.ofMillis(12)),
                        new dev.stackagent.verify.VerificationCheck("chat-completions", true, "choices", Duration.ofMillis(480))),
                null, at);
    }

    /** The seed stack of config-repo-template (a TPU pool with a price, a schedule). */
    static Stack seedStack() throws IOException {
        Path root = Path.of("config-repo-template");
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(root.resolve("stacks"))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return Stacks.load(files);
    }
}
