package dev.stackagent.sync;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stackagent.config.AgentConfig;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.gke.GkeConfig;
import dev.stackagent.source.GitConfig;
import dev.stackagent.triggers.LeaderPodLabel;
import dev.stackagent.triggers.Leadership;
import dev.stackagent.triggers.LeadershipConfig;
import dev.stackagent.triggers.ManagedObjectWatcher;
import dev.stackagent.triggers.OwnWrites;
import dev.stackagent.triggers.QueueConfig;
import dev.stackagent.triggers.WatchedKind;
import dev.stackagent.triggers.WorkQueue;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The running agent's triggers around one work queue: Git polled at the poll interval (and pushed
 * by webhooks), watches on every managed kind, GKE polled at its interval, a periodic full resync,
 * schedule transitions at their instant (through the stacks' requeue times), and leader election:
 * every replica fetches and serves status, health and metrics; only the leader applies.
 */
@ApplicationScoped
public class AgentRuntime {
    private static final Logger LOG = Logger.getLogger(AgentRuntime.class);

    @Inject
    Agent agent;
    @Inject
    WorkQueue queue;
    @Inject
    KubernetesClient client;
    @Inject
    AgentConfig config;
    @Inject
    GitConfig git;
    @Inject
    GkeConfig gke;
    @Inject
    LeadershipConfig leaderConfig;
    @Inject
    MeterRegistry registry;
    @Inject
    QueueConfig queueConfig;

    @Inject
    OwnWrites ownWrites;
    private ScheduledExecutorService timers;
    private Leadership leadership;
    private ManagedObjectWatcher watcher;
    private Set<ObjectRef> watchedKinds = Set.of();
    private volatile boolean started;
    private volatile java.time.Instant lastFetchAttempt;

    public synchronized void start() {
        timers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "stack-agent-timers"));
        LeaderPodLabel podLabel = new LeaderPodLabel(client, config.namespace(), config.podName());
        leadership = new Leadership(client, Leadership.Settings.from(leaderConfig, config.namespace(), config.podName()), () -> {
            LOG.infof("leading: this instance applies from now on");
            podLabel.mark();
            queue.enqueue(WorkQueue.GIT_FETCH);
            queue.enqueueAll(agent.stackNames());
        }, () -> {
            LOG.infof("no longer leading: this instance stops applying");
            podLabel.unmark();
        });
        leadership.bindMetrics(registry);
        leadership.start();
        timers.scheduleWithFixedDelay(() -> queue.enqueue(WorkQueue.GIT_FETCH), 0, git.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        queue.scheduleResync(config.resyncInterval(), agent::stackNames);
        if (gke.enabled()) {
            timers.scheduleWithFixedDelay(() -> queue.enqueueAll(agent.stacksWithNodePools()), gke.pollInterval().toMillis(),
                    gke.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        started = true;
        LOG.infof("stack-agent running: git poll every %s, full resync every %s, GKE poll every %s", git.pollInterval(),
                config.resyncInterval(), gke.enabled() ? gke.pollInterval() : "(off)");
    }

    public boolean leading() {
        return leadership == null || leadership.isLeader();
    }

    public boolean started() {
        return started;
    }

    /** When the loop last fetched Git (liveness: a stuck loop stops fetching). */
    public java.time.Instant lastFetchAttempt() {
        return lastFetchAttempt;
    }

    void fetched(java.time.Instant at) {
        lastFetchAttempt = at;
    }

    public int queueDepth() {
        return queue.depth();
    }

    /** Restarts the watches when the set of managed kinds changed (a new kind in Git). */
    synchronized void kindsMayHaveChanged() {
        if (!started) {
            return;
        }
        Set<ObjectRef> kinds = agent.kinds();
        if (kinds.equals(watchedKinds)) {
            return;
        }
        if (watcher != null) {
            watcher.close();
        }
        List<WatchedKind> watched = kinds.stream().map(k -> new WatchedKind(k.apiVersion(), k.kind())).toList();
        watcher = new ManagedObjectWatcher(client, watched, queue::enqueueDebounced, ownWrites);
        watcher.start();
        watchedKinds = kinds;
    }

    /**
     * Graceful shutdown: no new work, the sync in flight finishes (a GKE operation it waits on is
     * resumed by the next leader, which waits for running operations before starting any), then the
     * Lease is released so a follower takes over at once.
     */
    public synchronized void stop() {
        started = false;
        if (timers != null) {
            timers.shutdownNow();
        }
        if (watcher != null) {
            watcher.close();
        }
        boolean drained = queue.shutdown(queueConfig.shutdownGrace());
        if (!drained) {
            LOG.warnf("a sync was still running after %s; the next leader resumes it", queueConfig.shutdownGrace());
        }
        if (leadership != null) {
            leadership.close();
        }
    }
}
