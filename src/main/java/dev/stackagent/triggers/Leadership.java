package dev.stackagent.triggers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Leader election with a {@code coordination.k8s.io} Lease (fabric8 {@code LeaderElector}). Only the
 * leader applies; followers keep serving health and metrics (nothing here touches readiness). A
 * follower takes over at most a lease duration after the leader died, at once when the leader shut
 * down cleanly ({@link #close()} releases the Lease). After losing the Lease an instance goes back to
 * competing for it.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Leadership.class);

    /** How to elect. */
    public record Settings(boolean enabled, String namespace, String leaseName, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {

        /** From configuration; without a configured identity, {@link #defaultIdentity(Optional)} of {@code podName}. */
        public static Settings from(LeadershipConfig config, String namespace, Optional<String> podName) {
            return new Settings(config.enabled(), namespace, config.leaseName(),
                    config.identity().orElseGet(() -> defaultIdentity(podName)), config.leaseDuration(),
                    config.renewDeadline(), config.retryPeriod());
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicReference<String> currentLeader = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<?>> election = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * @param onStartedLeading called when this instance becomes leader (e.g. enqueue a full resync)
     * @param onStoppedLeading called when it stops leading (lost the Lease, or closed)
     */
    public Leadership(KubernetesClient client, Settings settings, Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.client = client;
        this.settings = settings;
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
    }

    /** Starts competing for the Lease (returns at once); with election disabled, leads at once. */
    public synchronized void start() {
        if (closed || election.get() != null || leader.get()) return;
        if (!settings.enabled()) {
            LOG.info("leader election disabled: this instance leads");
            currentLeader.set(settings.identity());
            started();
            return;
        }
        LOG.infof("competing for Lease %s/%s as %s", settings.namespace(), settings.leaseName(), settings.identity());
        elect();
    }

    /** Whether this instance is the leader now, so may apply. */
    public boolean isLeader() {
        return leader.get();
    }

    public String identity() {
        return settings.identity();
    }

    /** The holder of the Lease as last observed, if any. */
    public Optional<String> currentLeader() {
        return Optional.ofNullable(currentLeader.get()).filter(s -> !s.isEmpty());
    }

    /** Registers {@code stack_agent.leader} (1 when this instance leads). */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("stack_agent.leader", leader, b -> b.get() ? 1 : 0)
                .description("1 when this instance holds the leader Lease").register(registry);
    }

    /** Stops competing; a leader releases the Lease so a follower takes over at once. */
    @Override
    public void close() {
        CompletableFuture<?> running;
        synchronized (this) {
            closed = true;
            running = election.getAndSet(null);
        }
        if (running != null) {
            running.cancel(true); // fabric8 shortens the Lease to 1s (ReleaseOnCancel) in this call
            clearHolder();
        }
        stopped();
    }

    /**
     * fabric8's release patches the Lease, which leaves the holder in place for one more second; clear
     * it, as client-go does, so a follower takes over on its next try. Optimistically locked: a Lease
     * someone else took meanwhile is left alone.
     */
    private void clearHolder() {
        try {
            var leases = client.leases().inNamespace(settings.namespace());
            var lease = leases.withName(settings.leaseName()).get();
            if (lease == null || lease.getSpec() == null || !settings.identity().equals(lease.getSpec().getHolderIdentity())) return;
            lease.getSpec().setHolderIdentity(null);
            leases.resource(lease).update();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not clear the Lease holder: %s", e.getMessage());
        }
    }

    private void elect() {
        var config = new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, currentLeader::set))
                .build();
        CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
        election.set(future);
        future.whenComplete((v, e) -> {
            synchronized (this) {
                if (closed || election.get() != future) return;
                election.set(null);
                LOG.infof("lost the Lease %s; competing again", settings.leaseName());
                elect();
            }
        });
    }

    private void started() {
        if (leader.compareAndSet(false, true)) {
            LOG.infof("leading as %s", settings.identity());
            onStartedLeading.run();
        }
    }

    private void stopped() {
        if (leader.compareAndSet(true, false)) {
            LOG.infof("stopped leading as %s", settings.identity());
            onStoppedLeading.run();
        }
    }

    /** The pod name (or, outside Kubernetes, the host name) plus a random suffix, unique per process. */
    public static String defaultIdentity(Optional<String> podName) {
        String base = podName.filter(s -> !s.isBlank()).orElseGet(Leadership::hostName);
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return base + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "stack-agent";
        }
    }
}
