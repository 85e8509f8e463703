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
import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.inventory.Inventory;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;

/**
 * One sync of one stack, read top to bottom: desired objects (with secret copies), inventory,
 * live objects, plan, apply, record the inventory, report. Node pools, the sleep overlay and
 * health join this pipeline as their own steps.
 */
public final class StackSync {
    private static final Logger LOG = Logger.getLogger(StackSync.class);

    private final LiveObjects live;
    private final SecretCopySource secretCopies;
    private final InventoryStore inventories;
    private final Applier applier;
    private final Clock clock;

    public StackSync(LiveObjects live, SecretCopySource secretCopies, InventoryStore inventories, Applier applier, Clock clock) {
        this.live = live;
        this.secretCopies = secretCopies;
        this.inventories = inventories;
        this.applier = applier;
        this.clock = clock;
    }

    public SyncResult sync(Stack stack, String revision) {
        Instant start = clock.instant();
        try {
            Inventory inventory = inventories.read(stack.name());
            Plan plan = preview(stack, inventory);
            List<ObjectDiff> drift = plan.diffs().toList();
            if (stack.config().options().suspended()) {
                return finish(stack, revision, plan.inSync() ? SyncStatus.Synced : SyncStatus.OutOfSync, drift,
                        new ChangeSet(List.of()), null, start);
            }
            ChangeSet changes = applier.apply(plan);
            inventories.write(inventory, nextInventory(stack.name(), plan, changes, inventory));
            String error = changes.entries().stream().filter(e -> e.result() == ChangeSet.Result.FAILED)
                    .map(e -> e.ref() + ": " + e.message()).findFirst().orElse(null);
            return finish(stack, revision, error == null ? SyncStatus.Synced : SyncStatus.Failed, drift, changes, error, start);
        } catch (RuntimeException e) {
            return finish(stack, revision, SyncStatus.Failed, List.of(), new ChangeSet(List.of()), e.getMessage(), start);
        }
    }

    /**
     * Prunes every object of a stack that is no longer in Git (for this cluster), then forgets its
     * inventory. Objects another controller took over are left alone.
     */
    public SyncResult remove(String stack, String revision) {
        Instant start = clock.instant();
        try {
            Inventory inventory = inventories.read(stack);
            Plan plan = Planner.plan(stack, List.of(), readLive(List.of(), inventory), inventory.objects(), true);
            ChangeSet changes = applier.apply(plan);
            Inventory next = nextInventory(stack, plan, changes, inventory);
            if (next.objects().isEmpty()) {
                inventories.delete(stack);
            } else {
                inventories.write(inventory, next);
            }
            String error = changes.failed() ? "could not prune every object of removed stack " + stack : null;
            return finish(stack, revision, error == null ? SyncStatus.Synced : SyncStatus.Failed, plan.diffs().toList(), changes, error, start);
        } catch (RuntimeException e) {
            return finish(stack, revision, SyncStatus.Failed, List.of(), new ChangeSet(List.of()), e.getMessage(), start);
        }
    }

    /** The plan for a stack against the live cluster, without changing anything. */
    public Plan preview(Stack stack) {
        return preview(stack, inventories.read(stack.name()));
    }

    private Plan preview(Stack stack, Inventory inventory) {
        List<DesiredObject> desired = new ArrayList<>(stack.objects());
        desired.addAll(secretCopies.materialize(stack));
        return Planner.plan(stack.name(), desired, readLive(desired, inventory), inventory.objects(),
                stack.config().options().pruneEnabled());
    }

    private Map<String, ObjectNode> readLive(List<DesiredObject> desired, Inventory inventory) {
        Set<ObjectRef> refs = new LinkedHashSet<>();
        desired.forEach(o -> refs.add(o.ref()));
        refs.addAll(inventory.objects());
        Map<String, ObjectNode> out = new HashMap<>();
        for (ObjectRef ref : refs) {
            ObjectNode o = live.get(ref);
            if (o != null) out.put(ref.key(), o);
        }
        return out;
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

    private SyncResult finish(Stack stack, String revision, SyncStatus status, List<ObjectDiff> drift, ChangeSet changes,
            String error, Instant start) {
        return finish(stack.name(), revision, status, drift, changes, error, start);
    }

    private SyncResult finish(String stack, String revision, SyncStatus status, List<ObjectDiff> drift, ChangeSet changes,
            String error, Instant start) {
        Instant end = clock.instant();
        SyncResult r = new SyncResult(stack, revision, status, drift, changes, error, end, Duration.between(start, end));
        LOG.infof("sync stack=%s revision=%s result=%s created=%d configured=%d unchanged=%d pruned=%d skipped=%d drifted=%d duration=%dms%s",
                stack, shortRev(revision), status, changes.count(ChangeSet.Result.CREATED),
                changes.count(ChangeSet.Result.CONFIGURED), changes.count(ChangeSet.Result.UNCHANGED),
                changes.count(ChangeSet.Result.PRUNED), changes.count(ChangeSet.Result.SKIPPED), r.drifted(),
                r.duration().toMillis(), error == null ? "" : " error=\"" + error.replace("\"", "'") + "\"");
        return r;
    }

    static String shortRev(String revision) {
        return revision == null ? "-" : revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
