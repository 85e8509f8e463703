package dev.stackagent.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.health.Health;
import dev.stackagent.health.PartHealth;
import dev.stackagent.health.StackHealth;
import dev.stackagent.notify.delivery.HttpSender;
import dev.stackagent.notify.delivery.NotificationMetrics;
import dev.stackagent.notify.delivery.Sleeper;
import dev.stackagent.report.SyncResult;
import dev.stackagent.verify.GateResult;
import dev.stackagent.verify.LoadGate;
import dev.stackagent.verify.LoadResult;
import dev.stackagent.verify.VerificationCheck;
import dev.stackagent.verify.VerificationResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Sync results, stacks and senders for the notification tests. */
final class NotifyFixtures {
    static final String SHA = "4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";
    static final String SHA2 = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807";
    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private NotifyFixtures() {
    }

    static Stack stack(String name) {
        return new Stack(name, "stacks/" + name, null, List.of());
    }

    static Path secret(Path dir, String name, String value) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, value + "\n");
        return p;
    }

    /** Sleeps recorded, never waited. */
    static final class RecordedSleeps implements Sleeper {
        final List<Duration> slept = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            slept.add(d);
        }
    }

    static final class Parts {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final NotificationMetrics metrics = new NotificationMetrics(registry);
        final RecordedSleeps sleeps = new RecordedSleeps();
        final List<String> failing = new ArrayList<>();
        final HttpSender sender;

        Parts(Clock clock) {
            sender = new HttpSender(java.net.http.HttpClient.newHttpClient(), clock, sleeps,
                    new HttpSender.Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15)), metrics,
                    (provider, stack, n, error) -> failing.add(provider + " " + stack + " " + n + " " + error), 3);
        }

        double count(String provider, NotificationMetrics.Result r) {
            return metrics.total(provider, r);
        }
    }

    static ChangeSet created(int n) {
        List<ChangeSet.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new ChangeSet.Entry(new ObjectRef("v1", "ConfigMap", "llm", "cm-" + i), ChangeSet.Result.CREATED, List.of(), null));
        }
        entries.add(new ChangeSet.Entry(new ObjectRef("v1", "Service", "llm", "svc"), ChangeSet.Result.UNCHANGED, List.of(), null));
        return new ChangeSet(entries);
    }

    static StackHealth healthy() {
        return new StackHealth(Health.healthy("all 2 parts Healthy"), List.of(new PartHealth("model", Health.healthy("ready"))));
    }

    static StackHealth degraded() {
        return new StackHealth(Health.degraded("1 of 2 parts Degraded: model: CrashLoopBackOff"),
                List.of(new PartHealth("model", Health.degraded("CrashLoopBackOff"))));
    }

    static VerificationResult verified(int passed, int total, long p95Millis) {
        List<VerificationCheck> checks = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            checks.add(new VerificationCheck("check-" + i, i < passed, i < passed ? "ok" : "HTTP 503", Duration.ofMillis(100)));
        }
        VerificationResult v = new VerificationResult(checks.stream().allMatch(VerificationCheck::passed), java.net.URI.create("http://gw/v1"),
                checks, null, T0);
        LoadResult load = new LoadResult(40, 4, 0, Duration.ofMillis(200), Duration.ofMillis(p95Millis), Duration.ofMillis(900), 8.0,
                Duration.ofSeconds(5), List.of(new GateResult(LoadGate.values()[0], true, "ok")), null);
        return v.withLoad(load);
    }

    /** Applied {@code objects} objects, healthy and verified 4/4, p95 420 ms. */
    static SyncResult success(String stack, String sha, int objects) {
        return SyncResult.of(stack, sha).withObjects(List.of(), created(objects))
                .withAssessment(new SyncResult.Assessment(healthy(), verified(4, 4, 420), null)).finishedAt(T0, Duration.ofSeconds(3));
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
