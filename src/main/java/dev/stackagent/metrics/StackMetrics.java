package dev.stackagent.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodeCounter;
import dev.stackagent.schedule.CostModel;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.report.SyncListener;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The per-stack metrics of the catalog in {@code docs/metrics.md}: syncs, their duration, drift,
 * last successful sync, schedule state, estimated cost, savings and time to wake. Fed one
 * {@link SyncResult} at a time; time comes from the results, never from a clock of its own.
 */
public final class StackMetrics implements SyncListener {
    private final MeterRegistry registry;
    private final CostModel costs;
    private final NodeCounter nodes;
    private final Map<String, PerStack> stacks = new ConcurrentHashMap<>();
    private final MultiGauge revisionInfo;

    public StackMetrics(MeterRegistry registry, CostModel costs, NodeCounter nodes) {
        this.registry = registry;
        this.revisionInfo = MultiGauge.builder("stack_agent.revision.info")
                .description("1 for the Git revision the agent knows (label revision)").register(registry);
        this.costs = costs;
        this.nodes = nodes;
    }

    /** Mutable per-stack values behind the gauges. */
    private static final class PerStack {
        final AtomicReference<Double> drifted = new AtomicReference<>(0.0);
        final AtomicReference<Double> lastSuccess = new AtomicReference<>(0.0);
        final AtomicReference<Double> hourlyCost = new AtomicReference<>(0.0);
        final AtomicReference<Double> suspended = new AtomicReference<>(0.0);
        final AtomicReference<Double> override = new AtomicReference<>(0.0);
        final Map<SleepPhase, AtomicReference<Double>> state = new HashMap<>();
        final Map<SyncStatus, AtomicReference<Double>> sync = new HashMap<>();
        Instant lastSeen;
        Instant lastVerification;
        SleepPhase lastPhase;
    }

    @Override
    public void synced(Stack stack, SyncResult r) {
        if (stack == null) {
            forget(r.stack());
            return;
        }
        record(stack, r);
    }

    @Override
    public void fetched(String revision, Duration took, String failureReason) {
        Timer.builder("stack_agent.git.fetch.duration").description("Duration of a Git fetch (ls-remote, and the fetch when the ref moved)")
                .publishPercentileHistogram().register(registry).record(took);
        if (failureReason != null) {
            Counter.builder("stack_agent.git.fetch.errors").description("Failed Git fetches by reason")
                    .tag("reason", failureReason).register(registry).increment();
        }
        if (revision != null) {
            revisionInfo.register(List.of(MultiGauge.Row.of(Tags.of("revision", revision), 1)), true);
        }
    }

    public void record(Stack stack, SyncResult r) {
        String name = r.stack();
        PerStack s = stacks.computeIfAbsent(name, this::register);
        Counter.builder("stack_agent.syncs").description("Syncs by result").tags("stack", name, "result", r.status().name())
                .register(registry).increment();
        if (r.reason() != null) {
            Counter.builder("stack_agent.sync.failures").description("Failed syncs by the step that failed")
                    .tags("stack", name, "reason", r.reason().name()).register(registry).increment();
        }
        Timer.builder("stack_agent.sync.duration").description("Duration of one sync of one stack").tags("stack", name)
                .publishPercentileHistogram().register(registry).record(r.duration());
        s.drifted.set((double) r.drifted());
        s.sync.forEach((status, v) -> v.set(status == r.status() ? 1.0 : 0.0));
        if (r.error() == null) {
            s.lastSuccess.set(r.finishedAt().toEpochMilli() / 1000.0);
        }
        if (r.verification() != null && r.verification().at() != null && !r.verification().at().equals(s.lastVerification)) {
            s.lastVerification = r.verification().at();
            Counter.builder("stack_agent.verification").description("Model verifications (the seed's Phase 4) by result")
                    .tags("stack", name, "result", r.verification().passed() ? "passed" : "failed").register(registry).increment();
            r.verification().checks().stream().filter(c -> c.latency() != null).forEach(c -> Timer.builder("stack_agent.verification.duration")
                    .description("Latency of each verification check").tags("stack", name, "check", c.name()).publishPercentileHistogram()
                    .register(registry).record(c.latency()));
        }
        if (stack != null) {
            s.suspended.set(r.requests().suspended() || stack.config().options().suspended() ? 1.0 : 0.0);
            s.override.set(r.requests().override() != null && r.finishedAt() != null && r.requests().override().activeAt(r.finishedAt())
                    ? 1.0 : 0.0);
            s.hourlyCost.set(hourlyCost(stack));
            recordSchedule(stack, r, s);
        }
    }

    /** Forgets a stack removed from Git (its gauges read 0 from then on). */
    public void forget(String stack) {
        PerStack s = stacks.get(stack);
        if (s != null) {
            s.drifted.set(0.0);
            s.hourlyCost.set(0.0);
            s.suspended.set(0.0);
            s.override.set(0.0);
            s.state.values().forEach(v -> v.set(0.0));
            s.sync.values().forEach(v -> v.set(0.0));
        }
    }

    private void recordSchedule(Stack stack, SyncResult r, PerStack s) {
        SleepPhase phase = r.sleep() == null ? SleepPhase.Awake : r.sleep().progress().phase();
        s.state.forEach((p, v) -> v.set(p == phase ? 1.0 : 0.0));
        Instant now = r.finishedAt();
        if (s.lastSeen != null && s.lastPhase == SleepPhase.Asleep && now.isAfter(s.lastSeen)) {
            double saved = costs.savings(awakeNodes(stack), Duration.between(s.lastSeen, now)).dollars();
            Counter.builder("stack_agent.savings").baseUnit("dollars")
                    .description("Estimated dollars saved while asleep (awake node count of the sleeping pools x price x time)")
                    .tags("stack", stack.name()).register(registry).increment(saved);
        }
        if (r.sleep() != null && r.sleep().timeToWake() != null) {
            Timer.builder("stack_agent.wake.duration").description("Time from the start of waking to the model being Ready")
                    .tags("stack", stack.name()).serviceLevelObjectives(Duration.ofMinutes(5), Duration.ofMinutes(10),
                            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30))
                    .register(registry).record(r.sleep().timeToWake());
        }
        s.lastSeen = now;
        s.lastPhase = phase;
    }

    /** Nodes of the stack's declared pools now, priced. */
    double hourlyCost(Stack stack) {
        Map<String, Integer> byType = new HashMap<>();
        for (NodePoolSpec p : stack.config().nodePools()) {
            int count = nodes.count(p.name()).orElse(0);
            if (p.machineType() != null) {
                byType.merge(p.machineType(), count, Integer::sum);
            }
        }
        return costs.hourlyCost(byType).dollars();
    }

    /** What the sleeping pools run when awake: their declared size, else the autoscaling minimum, at least one node. */
    static Map<String, Integer> awakeNodes(Stack stack) {
        Map<String, Integer> byType = new HashMap<>();
        var sleeping = SleepOverlay.sleepingPoolNames(stack.config());
        for (NodePoolSpec p : stack.config().nodePools()) {
            if (!sleeping.contains(p.name()) || p.machineType() == null) continue;
            int n = p.nodeCount() != null ? p.nodeCount()
                    : p.autoscaling() != null && p.autoscaling().minNodeCount() != null ? p.autoscaling().minNodeCount() : 1;
            byType.merge(p.machineType(), Math.max(1, n), Integer::sum);
        }
        return byType;
    }

    private PerStack register(String stack) {
        PerStack s = new PerStack();
        Gauge.builder("stack_agent.drifted.objects", s.drifted, AtomicReference::get)
                .description("Objects and node pools that differed from Git at the last sync").tags("stack", stack).register(registry);
        Gauge.builder("stack_agent.last.successful.sync.timestamp", s.lastSuccess, AtomicReference::get).baseUnit("seconds")
                .description("Unix time of the last sync without error").tags("stack", stack).register(registry);
        Gauge.builder("stack_agent.estimated.hourly.cost", s.hourlyCost, AtomicReference::get).baseUnit("dollars")
                .description("Estimated cost per hour of the stack's node pools now (nodes x price)").tags("stack", stack).register(registry);
        Gauge.builder("stack_agent.stack.suspended", s.suspended, AtomicReference::get)
                .description("1 while applying is suspended (stack-agent suspend, or options.suspend in Git)").tags("stack", stack).register(registry);
        Gauge.builder("stack_agent.schedule.override", s.override, AtomicReference::get)
                .description("1 while a schedule override requested through the cluster (stack-agent wake|sleep) is in force")
                .tags("stack", stack).register(registry);
        for (SleepPhase phase : SleepPhase.values()) {
            AtomicReference<Double> v = new AtomicReference<>(0.0);
            s.state.put(phase, v);
            Gauge.builder("stack_agent.schedule.state", v, AtomicReference::get)
                    .description("1 for the stack's current schedule state (Awake, FallingAsleep, Asleep, Waking)")
                    .tags(Tags.of("stack", stack, "state", phase.name())).register(registry);
        }
        for (SyncStatus status : SyncStatus.values()) {
            AtomicReference<Double> v = new AtomicReference<>(0.0);
            s.sync.put(status, v);
            Gauge.builder("stack_agent.sync.status", v, AtomicReference::get)
                    .description("1 for the result of the stack's last sync (Synced, OutOfSync, Failed)")
                    .tags(Tags.of("stack", stack, "status", status.name())).register(registry);
        }
        return s;
    }

    public double savings(String stack) {
        Counter c = registry.find("stack_agent.savings").tag("stack", stack).counter();
        return c == null ? 0 : c.count();
    }

    /** How many wakes were timed. */
    public long wakes(String stack) {
        Timer t = registry.find("stack_agent.wake.duration").tag("stack", stack).timer();
        return t == null ? 0 : t.count();
    }

}
