package dev.stackagent.health.preflight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.container.v1.Cluster;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.Stack;

/**
 * Runs {@link Preflight} for a stack when it is due: the first time, when the stack changed in
 * Git, and at most every {@code interval} otherwise (the checks cost API calls; an idle sync should not).
 */
public final class PreflightRunner implements PreflightCheck {
    private record Last(Stack stack, Instant at, PreflightReport report) {
    }

    private final Preflight preflight;
    private final Function<ClusterRef, Cluster> clusters;
    private final Duration interval;
    private final Set<String> blocking;
    private final Clock clock;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final Map<ClusterRef, ClusterWide> clusterWide = new ConcurrentHashMap<>();
    private final Map<ClusterRef, Object> clusterLocks = new ConcurrentHashMap<>();

    private record ClusterWide(Instant at, java.util.List<CheckResult> results) {
    }

    public PreflightRunner(Preflight preflight, Function<ClusterRef, Cluster> clusters, Duration interval, Set<String> blocking, Clock clock) {
        this.preflight = preflight;
        this.clusters = clusters;
        this.interval = interval;
        this.blocking = Set.copyOf(blocking);
        this.clock = clock;
    }

    @Override
    public PreflightReport check(Stack stack) {
        Instant now = clock.instant();
        Last previous = last.get(stack.name());
        if (previous != null && previous.stack().equals(stack) && Duration.between(previous.at(), now).compareTo(interval) < 0) {
            return previous.report();
        }
        Set<SecretRef> copied = stack.config().secretCopies().stream()
                .map(c -> new SecretRef(c.namespace(), c.targetName())).collect(Collectors.toSet());
        java.util.List<CheckResult> results = new java.util.ArrayList<>(clusterChecks(stack.config().cluster(), now));
        results.addAll(preflight.secrets(stack.objects(), copied));
        PreflightReport report = new PreflightReport(results, now);
        last.put(stack.name(), new Last(stack, now, report));
        return report;
    }

    /**
     * The cluster-wide checks, shared by every stack of the cluster for {@code interval}. Run by one sync at a time
     * per cluster: the syncs of a commit's new stacks start together (one per worker), and each ran every check
     * itself before the first had stored its results (four times the check's GETs, counted in FirstSyncRequestsTest).
     */
    private java.util.List<CheckResult> clusterChecks(ClusterRef cluster, Instant now) {
        synchronized (clusterLocks.computeIfAbsent(cluster, c -> new Object())) {
            ClusterWide cached = clusterWide.get(cluster);
            if (cached != null && Duration.between(cached.at(), now).compareTo(interval) < 0) {
                return cached.results();
            }
            java.util.List<CheckResult> results = preflight.clusterWide(clusters.apply(cluster));
            clusterWide.put(cluster, new ClusterWide(now, results));
            return results;
        }
    }

    /** Whether the report stops the sync: only failures of checks named as blocking do. */
    @Override
    public boolean blocks(PreflightReport report) {
        return !blocking.isEmpty() && report.blocks(blocking);
    }
}
