package dev.stackagent.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stackagent.policy.Policy;
import dev.stackagent.report.ClusterRequests;
import dev.stackagent.cache.WatchCache;
import dev.stackagent.sync.Agent;
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
import dev.stackagent.triggers.StackRequestWatcher;
import dev.stackagent.triggers.WatchedKind;
import dev.stackagent.triggers.WorkQueue;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

/**
 * The running agent's triggers around one work queue: Git polled at the poll interval (and pushed
 * by webhooks), watches on every managed kind, GKE polled at its interval, a periodic full resync,
 * schedule transitions at their instant (through the stacks' requeue times), and leader election:
 * every replica fetches and serves status, health and metrics; only the leader applies. The {@code Stack} resources are
 * watched for what on-call asks through the cluster ({@code stack-agent reconcile|suspend|resume|wake|sleep}).
 *
 * <p>The periodic work ({@link #pollGit()}, {@link #resync()}, {@link #pollGke()}) runs as
 * {@code quarkus-scheduler} jobs that {@link #start()} registers and {@link #stop()} removes, so the
 * CLI commands that never call {@code start()} ({@code validate}, {@code plan}) schedule nothing. The
 * jobs only call these methods, which do nothing unless the agent runs; tests call them directly.
 */
@ApplicationScoped
public class AgentRuntime {
    private static final Logger LOG = Logger.getLogger(AgentRuntime.class);

    /** Scheduler job identities. */
    static final String GIT_POLL = "stack-agent-git-poll";
    static final String RESYNC = "stack-agent-resync";
    static final String GKE_POLL = "stack-agent-gke-poll";

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
    @Inject
    Policy policy;
    @Inject
    Clock clock;
    @Inject
    WatchCache cache;
    @Inject
    dev.stackagent.crd.StackResourceWriter stackResources;
    @Inject
    Scheduler scheduler;

    /** Identities of the scheduler jobs {@link #start()} registered. */
    private final List<String> jobs = new ArrayList<>();
    private volatile Leadership leadership;
    private ManagedObjectWatcher watcher;
    private volatile StackRequestWatcher requestWatcher;
    private Set<ObjectRef> watchedKinds = Set.of();
    private volatile boolean started;
    private volatile java.time.Instant lastFetchAttempt;

    /**
     * Starts the agent. The first Git fetch is queued at once, before the watches and leader election
     * start, so a worker fetches (network waits, JGit's first use) while this thread starts the
     * informers: readiness needs both. {@link #leadership} exists before that fetch is queued, so the
     * stacks it loads are not synced until this instance leads, which is after the Stack resources are
     * watched (what on-call asked is known). The fetch's own watch update ({@link #kindsMayHaveChanged()})
     * waits for this method to finish.
     */
    public synchronized void start() {
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
        queue.enqueue(WorkQueue.GIT_FETCH);
        cache.start();
        leadership.bindMetrics(registry);
        requestWatcher = new StackRequestWatcher(client, config.namespace(), queue::enqueue, clock, policy::scheduleOverrideBound);
        requestWatcher.start();
        stackResources.readFrom(requestWatcher::lookup);
        leadership.start();
        started = true;
        every(GIT_POLL, git.pollInterval(), this::pollGit);
        every(RESYNC, config.resyncInterval(), this::resync);
        if (gke.enabled()) {
            every(GKE_POLL, gke.pollInterval(), this::pollGke);
        }
        LOG.infof("stack-agent running: git poll every %s, full resync every %s, GKE poll every %s", git.pollInterval(),
                config.resyncInterval(), gke.enabled() ? gke.pollInterval() : "(off)");
    }

    /** Runs {@code work} every {@code interval}, the first time one interval from now; a run still going skips the next. */
    private void every(String identity, Duration interval, Runnable work) {
        scheduler.newJob(identity).setInterval(interval.toString()).setDelayed(interval.toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP).setTask(execution -> work.run()).schedule();
        jobs.add(identity);
    }

    /** The Git poll: queue a fetch. Every replica fetches (followers serve status from it); nothing unless started. */
    public void pollGit() {
        if (started) {
            queue.enqueue(WorkQueue.GIT_FETCH);
        }
    }

    /**
     * The full resync, a safety net beside webhooks and watches: queue the fetch and, on the leader,
     * every stack. Nothing unless started.
     */
    public void resync() {
        if (!started) {
            return;
        }
        queue.enqueue(WorkQueue.GIT_FETCH);
        if (leading()) {
            try {
                queue.enqueueAll(agent.stackNames());
            } catch (RuntimeException e) {
                LOG.warnf("full resync could not list the stacks: %s", e.getMessage());
            }
        }
    }

    /** The GKE poll (GKE has no watch): on the leader, queue every stack with node pools. Nothing unless started. */
    public void pollGke() {
        if (started && gke.enabled() && leading()) {
            queue.enqueueAll(agent.stacksWithNodePools());
        }
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

    /** What on-call asked of {@code stack} through its Stack resource; nothing before {@link #start()}. */
    public ClusterRequests requests(String stack) {
        StackRequestWatcher w = requestWatcher;
        return w == null ? ClusterRequests.NONE : w.requests(stack);
    }

    /** Whether {@code stack} has a reconcile request not handled yet. */
    public boolean reconcilePending(String stack) {
        StackRequestWatcher w = requestWatcher;
        return w != null && w.reconcilePending(stack);
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
        cache.use(watcher);
        watchedKinds = kinds;
    }

    /**
     * Graceful shutdown: no new work, the sync in flight finishes (a GKE operation it waits on is
     * resumed by the next leader, which waits for running operations before starting any), then the
     * Lease is released so a follower takes over at once.
     */
    public synchronized void stop() {
        started = false;
        for (String job : jobs) {
            try {
                scheduler.unscheduleJob(job);
            } catch (RuntimeException e) {
                LOG.debugf("could not unschedule %s: %s", job, e.getMessage());
            }
        }
        jobs.clear();
        if (watcher != null) {
            watcher.close();
        }
        if (requestWatcher != null) {
            requestWatcher.close();
        }
        cache.close();
        boolean drained = queue.shutdown(queueConfig.shutdownGrace());
        if (!drained) {
            LOG.warnf("a sync was still running after %s; the next leader resumes it", queueConfig.shutdownGrace());
        }
        if (leadership != null) {
            leadership.close();
        }
    }
}
