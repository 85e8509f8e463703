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
public final class PreflightRunner {
    private record Last(Stack stack, Instant at, PreflightReport report) {
    }

    private final Preflight preflight;
    private final Function<ClusterRef, Cluster> clusters;
    private final Duration interval;
    private final Set<String> blocking;
    private final Clock clock;
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    public PreflightRunner(Preflight preflight, Function<ClusterRef, Cluster> clusters, Duration interval, Set<String> blocking, Clock clock) {
        this.preflight = preflight;
        this.clusters = clusters;
        this.interval = interval;
        this.blocking = Set.copyOf(blocking);
        this.clock = clock;
    }

    public PreflightReport check(Stack stack) {
        Instant now = clock.instant();
        Last previous = last.get(stack.name());
        if (previous != null && previous.stack().equals(stack) && Duration.between(previous.at(), now).compareTo(interval) < 0) {
            return previous.report();
        }
        Set<SecretRef> copied = stack.config().secretCopies().stream()
                .map(c -> new SecretRef(c.namespace(), c.targetName())).collect(Collectors.toSet());
        PreflightReport report = preflight.run(stack.objects(), copied, clusters.apply(stack.config().cluster()));
        last.put(stack.name(), new Last(stack, now, report));
        return report;
    }

    /** Whether the report stops the sync: only failures of checks named as blocking do. */
    public boolean blocks(PreflightReport report) {
        return !blocking.isEmpty() && report.blocks(blocking);
    }
}
