package dev.stackagent.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Options;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackConfig;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.NodePoolResult;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.health.preflight.PreflightReport;
import dev.stackagent.inventory.Inventory;
import dev.stackagent.live.LiveReadException;
import dev.stackagent.live.StackSnapshot;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;
import dev.stackagent.policy.PolicyViolation;
import dev.stackagent.report.ClusterRequests;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.schedule.TransitionAction;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One sync of one stack, read top to bottom: the one read of the cluster, where the stack stands on
 * its schedule, the effective desired state (Git plus the sleep overlay), plan (together: the
 * {@link Preview}), then apply, record the inventory, node pools, assess, report. Each step that
 * fails names its {@link FailureReason}.
 */
public final class StackSync {
    private static final Logger LOG = Logger.getLogger(StackSync.class);

    private final SyncParts parts;
    private final Clock clock;
    private final StackPreviewer previewer;
    private final SleepObserver observer;
    private final StackAssessor assessor;

    public StackSync(SyncParts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
        this.previewer = new StackPreviewer(parts.read());
        this.observer = new SleepObserver(parts.read().pools());
        this.assessor = new StackAssessor(parts.verifier());
    }

    public SyncResult sync(Stack stack, String revision) {
        return sync(stack, revision, ClusterRequests.NONE);
    }

    /**
     * One sync honouring what on-call asked through the cluster: suspended there, the stack is treated as Git's
     * {@code options.suspend} treats it (no apply, no prune, drift reported); a schedule override decides the schedule
     * while it lasts.
     */
    public SyncResult sync(Stack gitStack, String revision, ClusterRequests requests) {
        Instant start = clock.instant();
        Stack stack = requests.suspended() ? suspended(gitStack) : gitStack;
        SyncResult result = SyncResult.of(stack.name(), revision).withRequests(requests);
        try {
            Preview preview = previewer.preview(stack, start, requests.override());
            Plan plan = preview.plan();
            result = result.withSleep(preview.sleep()).withObjects(plan.diffs().toList(), new ChangeSet(List.of()));
            if (stack.config().options().suspended()) {
                return finish(result.withPools(new SyncResult.Pools(preview.poolDrift(), List.of(), List.of()))
                        .withStatus(preview.inSync() ? SyncStatus.Synced : SyncStatus.OutOfSync), start);
            }
            List<ObjectDiff> conflicts = plan.diffs().filter(d -> d.action() == Action.CONFLICT).toList();
            if (!conflicts.isEmpty()) {
                return finish(result.failed(FailureReason.AdoptionConflict, "not applied: " + conflicts.size() + " object(s) not this stack's: "
                        + String.join("; ", conflicts.stream().map(d -> d.ref() + " " + d.reason()).toList())), start);
            }
            PreflightReport preflight = parts.preflight().check(stack);
            if (preflight != null && parts.preflight().blocks(preflight)) {
                String failed = String.join("; ", preflight.failed().stream().map(c -> c.name() + ": " + c.message()).toList());
                return finish(result.withAssessment(new SyncResult.Assessment(null, null, preflight))
                        .failed(FailureReason.PreflightFailed, "preflight failed (nothing applied): " + failed), start);
            }
            if (preview.sleepChanged()) { // the schedule's step is recorded only when the sync goes on to apply it
                ScheduleStep.record(parts.read().sleepProgress(), stack, preview.sleep());
            }
            ChangeSet changes = parts.applier().apply(plan);
            Inventory inventory = preview.live().inventory();
            Inventory next = nextInventory(stack.name(), plan, changes, inventory);
            parts.inventories().write(inventory, next);
            result = result.withObjects(result.drift(), changes);
            ChangeSet.Entry failedEntry = changes.entries().stream().filter(e -> e.result() == ChangeSet.Result.FAILED).findFirst().orElse(null);
            if (failedEntry != null) {
                boolean prune = plan.prunes().stream().anyMatch(d -> d.ref().equals(failedEntry.ref()));
                result = result.failed(prune ? FailureReason.PruneFailed : FailureReason.ApplyFailed, failedEntry.ref() + ": " + failedEntry.message());
            } else {
                result = nodePools(result, preview);
                parts.inventories().write(next, next.withNodePools(createdPools(result))); // only when a pool was created
            }
            result = finish(result.withAssessment(assessor.assess(stack, plan, changes, preview.sleep(), start, preflight, preview.live())), start);
            if (wrote(changes)) { // the health above is of the snapshot read before the writes: look at what was written
                result = result.requeueBy(start.plus(HEALTH_RECHECK));
            }
            return preview.replacing().isEmpty() ? result : result.requeueBy(start.plus(REPLACEMENT_RECHECK));
        } catch (PolicyViolation e) {
            return finish(result.failed(FailureReason.PolicyViolation, e.getMessage()), start);
        } catch (LiveReadException | KubernetesClientException e) {
            LOG.debugf(e, "sync of %s failed", stack.name());
            return finish(result.failed(FailureReason.ReadFailed, e.getMessage()), start);
        } catch (RuntimeException e) {
            LOG.debugf(e, "sync of %s failed", stack.name());
            return finish(result.failed(FailureReason.InternalError, e.getMessage()), start);
        }
    }

    /** The stack with {@code options.suspend: true}: what a suspension from the cluster amounts to. */
    static Stack suspended(Stack s) {
        StackConfig c = s.config();
        Options options = new Options(c.options().prune(), true);
        return new Stack(s.name(), s.dir(), new StackConfig(c.apiVersion(), c.kind(), c.cluster(), c.namespaces(), c.manifests(),
                c.secretCopies(), c.nodePools(), c.schedule(), c.verification(), options, c.notifications()), s.objects());
    }

    /** The node pools step: replacements the stack allows once their workload stopped, then the declared pools converged. */
    private SyncResult nodePools(SyncResult result, Preview preview) {
        Stack stack = preview.stack();
        Stack effective = preview.effective();
        List<PoolOutcome> pools = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        if (!preview.replacing().isEmpty()) {
            Set<String> names = preview.replacing().stream().map(NodePoolSpec::name).collect(java.util.stream.Collectors.toSet());
            if (observer.workloadsStopped(effective, names, preview.live())) {
                for (NodePoolSpec spec : preview.replacing()) {
                    NodePoolResult replaced = parts.read().pools().replace(stack.config().cluster(), stack.name(), spec);
                    pools.addAll(replaced.pools());
                    waits.addAll(replaced.waits());
                }
            }
        }
        String error = null;
        if (!effective.config().nodePools().isEmpty()) {
            NodePoolResult applied = parts.read().pools().apply(stack.config().cluster(), stack.name(), effective.config().nodePools(),
                    preview.replacing().isEmpty() ? preview.live().pools() : null); // after a replacement: read again
            applied.pools().stream().filter(p -> pools.stream().noneMatch(q -> q.pool().equals(p.pool()))).forEach(pools::add);
            waits.addAll(applied.waits());
            error = applied.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.FAILED || p.kind() == PoolOutcome.Kind.BLOCKED)
                    .map(p -> "node pool " + p.pool() + ": " + String.join("; ", p.messages())).findFirst().orElse(null);
        }
        List<NodePoolDrift> poolDrift = pools.stream().map(PoolOutcome::drift).filter(d -> d != null).toList();
        SyncResult r = result.withPools(new SyncResult.Pools(poolDrift, pools, waits));
        return error == null ? r : r.failed(FailureReason.GkeOperationFailed, error);
    }

    /** Pools this sync created or recreated: the stack holds them from now on. */
    private static List<String> createdPools(SyncResult result) {
        return result.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.CREATED || p.kind() == PoolOutcome.Kind.REPLACED)
                .map(PoolOutcome::pool).toList();
    }

    /** How soon a stack whose pool is being replaced is looked at again (drain, then the new pool). */
    static final Duration REPLACEMENT_RECHECK = Duration.ofSeconds(15);

    /**
     * After a sync that created or changed objects, the stack is synced again this much later: its health was
     * assessed on the objects as read before the writes, so the status would otherwise show that stale health
     * until the next resync (and a restarted agent would be the one to correct it).
     */
    static final Duration HEALTH_RECHECK = Duration.ofSeconds(15);

    private static boolean wrote(ChangeSet changes) {
        return changes.entries().stream().anyMatch(e -> e.result() == ChangeSet.Result.CREATED || e.result() == ChangeSet.Result.CONFIGURED);
    }

    /**
     * Prunes every object of a stack that is no longer in Git (for this cluster), then forgets its
     * inventory. Objects another controller took over are left alone.
     */
    public SyncResult remove(String stack, String revision) {
        Instant start = clock.instant();
        SyncResult result = SyncResult.of(stack, revision);
        try {
            StackSnapshot live = parts.read().reader().readRemoved(stack);
            Inventory inventory = live.inventory();
            Plan plan = Planner.plan(stack, List.of(), live.objects(), inventory.objects(), true, parts.read().policy());
            ChangeSet changes = parts.applier().apply(plan);
            Inventory next = nextInventory(stack, plan, changes, inventory);
            if (next.objects().isEmpty()) {
                parts.inventories().delete(stack);
                parts.read().sleepProgress().delete(stack);
            } else {
                parts.inventories().write(inventory, next);
            }
            result = result.withObjects(plan.diffs().toList(), changes);
            return finish(changes.failed() ? result.failed(FailureReason.PruneFailed, "could not prune every object of removed stack " + stack)
                    : result, start);
        } catch (LiveReadException | KubernetesClientException e) {
            return finish(result.failed(FailureReason.ReadFailed, e.getMessage()), start);
        } catch (RuntimeException e) {
            return finish(result.failed(FailureReason.InternalError, e.getMessage()), start);
        }
    }

    /**
     * What the agent owns after this sync: the previous inventory plus everything it applied, minus
     * what it pruned, what another controller controls and what is gone. A failed or disabled prune
     * stays in the inventory, so it is retried later rather than forgotten.
     */
    static Inventory nextInventory(String stack, Plan plan, ChangeSet changes, Inventory previous) {
        Map<String, ObjectRef> next = new LinkedHashMap<>();
        previous.objects().forEach(r -> next.put(r.key(), r));
        for (ChangeSet.Entry e : changes.entries()) {
            switch (e.result()) {
                case CREATED, CONFIGURED, UNCHANGED -> next.put(e.ref().key(), e.ref());
                case PRUNED, SKIPPED -> next.remove(e.ref().key());
                default -> { }
            }
        }
        plan.released().forEach(r -> next.remove(r.key()));
        return new Inventory(stack, new java.util.TreeSet<>(next.values()), previous.nodePools());
    }

    private SyncResult finish(SyncResult result, Instant start) {
        Instant end = clock.instant();
        SyncResult r = result.finishedAt(end, Duration.between(start, end));
        ChangeSet changes = r.changes();
        SleepReport sleep = r.sleep();
        LOG.infof("sync stack=%s revision=%s result=%s created=%d configured=%d unchanged=%d pruned=%d skipped=%d pools_changed=%d "
                        + "drifted=%d%s duration=%dms%s",
                r.stack(), shortRev(r.revision()), r.status(), changes.count(ChangeSet.Result.CREATED),
                changes.count(ChangeSet.Result.CONFIGURED), changes.count(ChangeSet.Result.UNCHANGED),
                changes.count(ChangeSet.Result.PRUNED), changes.count(ChangeSet.Result.SKIPPED),
                r.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.CREATED || p.kind() == PoolOutcome.Kind.UPDATED).count(),
                r.drifted(), sleep == null ? "" : " state=" + sleep.state() + (sleep.action() == TransitionAction.NONE ? "" : " action=" + sleep.action()),
                r.duration().toMillis(), (r.requests().suspended() ? " suspended=cluster" : "") + (r.failure() == null ? "" : " reason=" + r.reason() + " error=\"" + r.error().replace("\"", "'") + "\""));
        return r;
    }

    static String shortRev(String revision) {
        return revision == null ? "-" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
