package dev.stackagent.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.report.SleepReport;
import dev.stackagent.apply.Applier;
import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.apply.KubernetesWriter;
import dev.stackagent.apply.WriteListener;
import dev.stackagent.live.KubernetesLiveObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyViolation;
import dev.stackagent.report.FailureReason;
import dev.stackagent.live.LiveReadException;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.NodePoolResult;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.inventory.Inventory;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;
import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.health.HealthRegistry;
import dev.stackagent.health.StackHealth;
import dev.stackagent.health.StackHealthAssessment;
import dev.stackagent.health.preflight.PreflightReport;
import dev.stackagent.health.preflight.PreflightCheck;
import dev.stackagent.schedule.NextStep;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.verify.ModelCheck;
import dev.stackagent.verify.VerificationResult;
import dev.stackagent.schedule.Schedule;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.OverlayScope;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionPlan;
import dev.stackagent.schedule.TransitionProgress;

/**
 * One sync of one stack, read top to bottom: where the stack stands on its schedule, the
 * effective desired state (Git plus the sleep overlay), inventory, live objects, plan, apply,
 * record the inventory, node pools, report.
 */
public final class StackSync {
    private static final Logger LOG = Logger.getLogger(StackSync.class);

    /** The I/O edges the pipeline talks to. */
    public record Parts(LiveObjects live, SecretCopySource secretCopies, InventoryStore inventories, Applier applier,
            NodePools pools, SleepObserver observer, SleepProgressStore sleepProgress, ModelCheck verifier,
            PreflightCheck preflight, Policy policy) {

        /** These parts with model verification (the seed's Phase 4) after workload changes and wakes. */
        public Parts withVerifier(ModelCheck v) {
            return new Parts(live, secretCopies, inventories, applier, pools, observer, sleepProgress, v, preflight, policy);
        }

        /** These parts with the seed's Phase 1/2 checks before applying. */
        public Parts withPreflight(PreflightCheck p) {
            return new Parts(live, secretCopies, inventories, applier, pools, observer, sleepProgress, verifier, p, policy);
        }

        /**
         * These parts under the platform team's policy: adoption entries for existing objects and the
         * allowed Secret-copy sources ({@code agentNamespace}'s Secrets are never copied).
         */
        public Parts withPolicy(Policy p, SecretCopySource copies) {
            return new Parts(live, copies, inventories, applier, pools, observer, sleepProgress, verifier, preflight, p);
        }

        /** Every part talking to one Kubernetes cluster; inventories and sleep progress in {@code agentNamespace}. */
        public static Parts of(KubernetesClient client, String agentNamespace, NodePools pools, EventRecorder events) {
            return of(client, agentNamespace, pools, events, WriteListener.NONE);
        }

        /** As above, telling {@code writes} about every object the agent creates or patches. */
        public static Parts of(KubernetesClient client, String agentNamespace, NodePools pools, EventRecorder events, WriteListener writes) {
            KubernetesLiveObjects live = new KubernetesLiveObjects(client);
            return new Parts(live, new SecretCopySource(client), new InventoryStore(client, agentNamespace),
                    new Applier(new KubernetesWriter(client, writes), live, events), pools, new SleepObserver(live, client, pools),
                    new SleepProgressStore(client, agentNamespace), ModelCheck.OFF, PreflightCheck.OFF, Policy.defaults());
        }
    }

    private final Parts parts;
    private final Clock clock;
    private final ScheduleStep schedule;
    private final StackAssessor assessor;

    public StackSync(Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
        this.schedule = new ScheduleStep(parts.observer(), parts.sleepProgress());
        this.assessor = new StackAssessor(parts.observer(), parts.verifier());
    }

    public SyncResult sync(Stack stack, String revision) {
        Instant start = clock.instant();
        SyncResult result = SyncResult.of(stack.name(), revision);
        try {
            SleepReport sleep = schedule.step(stack, start, !stack.config().options().suspended());
            result = result.withSleep(sleep);
            Stack effective = sleep == null ? stack : SleepOverlay.apply(stack, sleep.progress().overlayScope());
            List<NodePoolSpec> replacing = stack.config().options().suspended() ? List.of() : allowedReplacements(effective);
            if (!replacing.isEmpty()) {
                effective = SleepOverlay.apply(effective, OverlayScope.WORKLOADS); // stop the workload before its pool goes
            }
            Inventory inventory = parts.inventories().read(stack.name());
            Plan plan = preview(effective, inventory);
            result = result.withObjects(plan.diffs().toList(), new ChangeSet(List.of()));
            if (stack.config().options().suspended()) {
                List<NodePoolDrift> poolDrift = parts.pools().plan(stack.config().cluster(), stack.name(), effective.config().nodePools());
                boolean inSync = plan.inSync() && poolDrift.stream().allMatch(d -> d.changes().isEmpty());
                return finish(result.withPools(new SyncResult.Pools(poolDrift, List.of(), List.of()))
                        .withStatus(inSync ? SyncStatus.Synced : SyncStatus.OutOfSync), start);
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
            ChangeSet changes = parts.applier().apply(plan);
            parts.inventories().write(inventory, nextInventory(stack.name(), plan, changes, inventory));
            result = result.withObjects(result.drift(), changes);
            ChangeSet.Entry failedEntry = changes.entries().stream().filter(e -> e.result() == ChangeSet.Result.FAILED).findFirst().orElse(null);
            if (failedEntry != null) {
                boolean prune = plan.prunes().stream().anyMatch(d -> d.ref().equals(failedEntry.ref()));
                result = result.failed(prune ? FailureReason.PruneFailed : FailureReason.ApplyFailed, failedEntry.ref() + ": " + failedEntry.message());
            } else {
                result = nodePools(result, stack, effective, replacing);
            }
            result = result.withAssessment(assessor.assess(stack, plan, changes, sleep, start, preflight));
            result = finish(result, start);
            return replacing.isEmpty() ? result : result.requeueBy(start.plus(REPLACEMENT_RECHECK));
        } catch (PolicyViolation e) {
            return finish(result.failed(FailureReason.PolicyViolation, e.getMessage()), start);
        } catch (LiveReadException e) {
            LOG.debugf(e, "sync of %s failed", stack.name());
            return finish(result.failed(FailureReason.ReadFailed, e.getMessage()), start);
        } catch (RuntimeException e) {
            LOG.debugf(e, "sync of %s failed", stack.name());
            return finish(result.failed(FailureReason.InternalError, e.getMessage()), start);
        }
    }

    /** The node pools step: replacements the stack allows once their workload stopped, then the declared pools converged. */
    private SyncResult nodePools(SyncResult result, Stack stack, Stack effective, List<NodePoolSpec> replacing) {
        List<PoolOutcome> pools = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        if (!replacing.isEmpty()) {
            Set<String> names = replacing.stream().map(NodePoolSpec::name).collect(java.util.stream.Collectors.toSet());
            if (parts.observer().workloadsStopped(effective, names)) {
                for (NodePoolSpec spec : replacing) {
                    NodePoolResult replaced = parts.pools().replace(stack.config().cluster(), stack.name(), spec);
                    pools.addAll(replaced.pools());
                    waits.addAll(replaced.waits());
                }
            }
        }
        String error = null;
        if (!effective.config().nodePools().isEmpty()) {
            NodePoolResult applied = parts.pools().apply(stack.config().cluster(), stack.name(), effective.config().nodePools());
            applied.pools().stream().filter(p -> pools.stream().noneMatch(q -> q.pool().equals(p.pool()))).forEach(pools::add);
            waits.addAll(applied.waits());
            error = applied.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.FAILED || p.kind() == PoolOutcome.Kind.BLOCKED)
                    .map(p -> "node pool " + p.pool() + ": " + String.join("; ", p.messages())).findFirst().orElse(null);
        }
        List<NodePoolDrift> poolDrift = pools.stream().map(PoolOutcome::drift).filter(d -> d != null).toList();
        SyncResult r = result.withPools(new SyncResult.Pools(poolDrift, pools, waits));
        return error == null ? r : r.failed(FailureReason.GkeOperationFailed, error);
    }

    /** How soon a stack whose pool is being replaced is looked at again (drain, then the new pool). */
    static final Duration REPLACEMENT_RECHECK = Duration.ofSeconds(15);

    /**
     * Pools whose drift needs replacement and whose stack allows it ({@code allowReplacement: true}).
     * Read from GKE only for stacks that allow a replacement at all.
     */
    private List<NodePoolSpec> allowedReplacements(Stack stack) {
        List<NodePoolSpec> candidates = stack.config().nodePools().stream().filter(NodePoolSpec::replacementAllowed).toList();
        if (candidates.isEmpty() || !parts.pools().managed()) {
            return List.of();
        }
        List<NodePoolDrift> drift = parts.pools().plan(stack.config().cluster(), stack.name(), candidates);
        return candidates.stream().filter(c -> drift.stream().anyMatch(d -> d.pool().equals(c.name()) && d.needsReplacement() && !d.blocked()))
                .toList();
    }

    /**
     * Prunes every object of a stack that is no longer in Git (for this cluster), then forgets its
     * inventory. Objects another controller took over are left alone.
     */
    public SyncResult remove(String stack, String revision) {
        Instant start = clock.instant();
        SyncResult result = SyncResult.of(stack, revision);
        try {
            Inventory inventory = parts.inventories().read(stack);
            Plan plan = Planner.plan(stack, List.of(), readLive(List.of(), inventory), inventory.objects(), true, parts.policy());
            ChangeSet changes = parts.applier().apply(plan);
            Inventory next = nextInventory(stack, plan, changes, inventory);
            if (next.objects().isEmpty()) {
                parts.inventories().delete(stack);
                parts.sleepProgress().delete(stack);
            } else {
                parts.inventories().write(inventory, next);
            }
            result = result.withObjects(plan.diffs().toList(), changes);
            return finish(changes.failed() ? result.failed(FailureReason.PruneFailed, "could not prune every object of removed stack " + stack)
                    : result, start);
        } catch (LiveReadException e) {
            return finish(result.failed(FailureReason.ReadFailed, e.getMessage()), start);
        } catch (RuntimeException e) {
            return finish(result.failed(FailureReason.InternalError, e.getMessage()), start);
        }
    }

    /** The plan for a stack's Kubernetes objects against the live cluster, without changing anything. */
    public Plan preview(Stack stack) {
        return preview(stack, parts.inventories().read(stack.name()));
    }

    private Plan preview(Stack stack, Inventory inventory) {
        List<DesiredObject> desired = new ArrayList<>(stack.objects());
        desired.addAll(parts.secretCopies().materialize(stack));
        return Planner.plan(stack.name(), desired, readLive(desired, inventory), inventory.objects(),
                stack.config().options().pruneEnabled(), parts.policy());
    }

    private Map<String, ObjectNode> readLive(List<DesiredObject> desired, Inventory inventory) {
        Set<ObjectRef> refs = new LinkedHashSet<>();
        desired.forEach(o -> refs.add(o.ref()));
        refs.addAll(inventory.objects());
        return parts.live().getAll(refs);
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
        return Inventory.of(stack, next.values());
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
                r.duration().toMillis(), r.failure() == null ? "" : " reason=" + r.reason() + " error=\"" + r.error().replace("\"", "'") + "\"");
        return r;
    }

    static String shortRev(String revision) {
        return revision == null ? "-" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
