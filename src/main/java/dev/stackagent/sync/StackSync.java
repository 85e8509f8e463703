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

import dev.stackagent.apply.Applier;
import dev.stackagent.sync.StackAssessor.Assessment;
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
import dev.stackagent.health.preflight.PreflightRunner;
import dev.stackagent.schedule.NextStep;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.verify.StackVerifier;
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
            NodePools pools, SleepObserver observer, SleepProgressStore sleepProgress, StackVerifier verifier,
            PreflightRunner preflight, Policy policy) {

        /** These parts with model verification (the seed's Phase 4) after workload changes and wakes. */
        public Parts withVerifier(StackVerifier v) {
            return new Parts(live, secretCopies, inventories, applier, pools, observer, sleepProgress, v, preflight, policy);
        }

        /** These parts with the seed's Phase 1/2 checks before applying. */
        public Parts withPreflight(PreflightRunner p) {
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
                    new SleepProgressStore(client, agentNamespace), null, null, Policy.defaults());
        }
    }

    private final Parts parts;
    private final Clock clock;
    private final ScheduleStep schedule;
    private final StackAssessor assessor;

    public StackSync(Parts parts, Clock clock) {
        if (parts.policy() == null) throw new IllegalArgumentException("parts.policy");
        this.parts = parts;
        this.clock = clock;
        this.schedule = new ScheduleStep(parts.observer(), parts.sleepProgress());
        this.assessor = new StackAssessor(parts.observer(), parts.verifier());
    }

    public SyncResult sync(Stack stack, String revision) {
        Instant start = clock.instant();
        try {
            SleepReport sleep = schedule.step(stack, start, !stack.config().options().suspended());
            Stack effective = sleep == null ? stack : SleepOverlay.apply(stack, sleep.progress().overlayScope());
            List<NodePoolSpec> replacing = stack.config().options().suspended() ? List.of() : allowedReplacements(effective);
            if (!replacing.isEmpty()) {
                effective = SleepOverlay.apply(effective, OverlayScope.WORKLOADS); // stop the workload before its pool goes
            }
            Inventory inventory = parts.inventories().read(stack.name());
            Plan plan = preview(effective, inventory);
            List<ObjectDiff> drift = plan.diffs().toList();
            List<ObjectDiff> conflicts = plan.diffs().filter(d -> d.action() == Action.CONFLICT).toList();
            if (!conflicts.isEmpty() && !stack.config().options().suspended()) {
                String error = "not applied: " + conflicts.size() + " object(s) not this stack's: "
                        + String.join("; ", conflicts.stream().map(d -> d.ref() + " " + d.reason()).toList());
                return finish(stack.name(), revision, SyncStatus.Failed, drift, new ChangeSet(List.of()), List.of(), List.of(), sleep,
                        error, start);
            }
            if (stack.config().options().suspended()) {
                List<NodePoolDrift> poolDrift = parts.pools().plan(stack.config().cluster(), stack.name(), effective.config().nodePools());
                boolean inSync = plan.inSync() && poolDrift.stream().allMatch(d -> d.changes().isEmpty());
                return finish(stack.name(), revision, inSync ? SyncStatus.Synced : SyncStatus.OutOfSync, drift, new ChangeSet(List.of()),
                        poolDrift, List.of(), sleep, null, start);
            }
            PreflightReport preflight = parts.preflight() == null ? null : parts.preflight().check(stack);
            if (preflight != null && parts.preflight().blocks(preflight)) {
                String failed = String.join("; ", preflight.failed().stream().map(c -> c.name() + ": " + c.message()).toList());
                return finish(stack.name(), revision, SyncStatus.Failed, drift, new ChangeSet(List.of()), List.of(), List.of(), List.of(),
                        sleep, "preflight failed (nothing applied): " + failed, start, new Assessment(null, null, preflight));
            }
            ChangeSet changes = parts.applier().apply(plan);
            parts.inventories().write(inventory, nextInventory(stack.name(), plan, changes, inventory));
            String error = changes.entries().stream().filter(e -> e.result() == ChangeSet.Result.FAILED)
                    .map(e -> e.ref() + ": " + e.message()).findFirst().orElse(null);
            List<PoolOutcome> pools = new ArrayList<>();
            List<String> waits = new ArrayList<>();
            if (error == null && !replacing.isEmpty()) {
                Set<String> names = replacing.stream().map(NodePoolSpec::name).collect(java.util.stream.Collectors.toSet());
                if (parts.observer().workloadsStopped(effective, names)) {
                    for (NodePoolSpec spec : replacing) {
                        NodePoolResult replaced = parts.pools().replace(stack.config().cluster(), stack.name(), spec);
                        pools.addAll(replaced.pools());
                        waits.addAll(replaced.waits());
                    }
                }
            }
            if (error == null && !effective.config().nodePools().isEmpty()) {
                NodePoolResult result = parts.pools().apply(stack.config().cluster(), stack.name(), effective.config().nodePools());
                result.pools().stream().filter(p -> pools.stream().noneMatch(q -> q.pool().equals(p.pool()))).forEach(pools::add);
                waits.addAll(result.waits());
                error = result.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.FAILED || p.kind() == PoolOutcome.Kind.BLOCKED)
                        .map(p -> "node pool " + p.pool() + ": " + String.join("; ", p.messages())).findFirst().orElse(null);
            }
            List<NodePoolDrift> poolDrift = pools.stream().map(PoolOutcome::drift).filter(d -> d != null).toList();
            Assessment assessment = assessor.assess(stack, plan, changes, sleep, start, preflight);
            SyncResult result = finish(stack.name(), revision, error == null ? SyncStatus.Synced : SyncStatus.Failed, drift, changes,
                    poolDrift, pools, waits, sleep, error, start, assessment);
            return replacing.isEmpty() ? result : requeueBy(result, start.plus(REPLACEMENT_RECHECK));
        } catch (RuntimeException e) {
            LOG.debugf(e, "sync of %s failed", stack.name());
            return finish(stack.name(), revision, SyncStatus.Failed, List.of(), new ChangeSet(List.of()), List.of(), List.of(), null,
                    e.getMessage(), start);
        }
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

    private static SyncResult requeueBy(SyncResult r, Instant at) {
        Instant requeue = r.requeueAt() == null || at.isBefore(r.requeueAt()) ? at : r.requeueAt();
        return new SyncResult(r.stack(), r.revision(), r.status(), r.drift(), r.changes(), r.poolDrift(), r.pools(), r.gkeWaits(), r.sleep(),
                r.health(), r.verification(), r.preflight(), r.error(), r.finishedAt(), r.duration(), requeue);
    }

    /**
     * Prunes every object of a stack that is no longer in Git (for this cluster), then forgets its
     * inventory. Objects another controller took over are left alone.
     */
    public SyncResult remove(String stack, String revision) {
        Instant start = clock.instant();
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
            String error = changes.failed() ? "could not prune every object of removed stack " + stack : null;
            return finish(stack, revision, error == null ? SyncStatus.Synced : SyncStatus.Failed, plan.diffs().toList(), changes,
                    List.of(), List.of(), null, error, start);
        } catch (RuntimeException e) {
            return finish(stack, revision, SyncStatus.Failed, List.of(), new ChangeSet(List.of()), List.of(), List.of(), null,
                    e.getMessage(), start);
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

    private SyncResult finish(String stack, String revision, SyncStatus status, List<ObjectDiff> drift, ChangeSet changes,
            List<NodePoolDrift> poolDrift, List<PoolOutcome> pools, SleepReport sleep, String error, Instant start) {
        return finish(stack, revision, status, drift, changes, poolDrift, pools, List.of(), sleep, error, start, Assessment.NONE);
    }

    private SyncResult finish(String stack, String revision, SyncStatus status, List<ObjectDiff> drift, ChangeSet changes,
            List<NodePoolDrift> poolDrift, List<PoolOutcome> pools, List<String> waits, SleepReport sleep, String error, Instant start,
            Assessment assessment) {
        Instant end = clock.instant();
        Instant requeue = sleep == null ? null : sleep.recheckAt();
        SyncResult r = new SyncResult(stack, revision, status, drift, changes, poolDrift, pools, waits, sleep, assessment.health(),
                assessment.verification(), assessment.preflight(), error, end, Duration.between(start, end), requeue);
        LOG.infof("sync stack=%s revision=%s result=%s created=%d configured=%d unchanged=%d pruned=%d skipped=%d pools_changed=%d "
                        + "drifted=%d%s duration=%dms%s",
                stack, shortRev(revision), status, changes.count(ChangeSet.Result.CREATED),
                changes.count(ChangeSet.Result.CONFIGURED), changes.count(ChangeSet.Result.UNCHANGED),
                changes.count(ChangeSet.Result.PRUNED), changes.count(ChangeSet.Result.SKIPPED),
                pools.stream().filter(p -> p.kind() == PoolOutcome.Kind.CREATED || p.kind() == PoolOutcome.Kind.UPDATED).count(),
                r.drifted(), sleep == null ? "" : " state=" + sleep.state() + (sleep.action() == TransitionAction.NONE ? "" : " action=" + sleep.action()),
                r.duration().toMillis(), error == null ? "" : " error=\"" + error.replace("\"", "'") + "\"");
        return r;
    }

    static String shortRev(String revision) {
        return revision == null ? "-" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
