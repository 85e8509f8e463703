package dev.stackagent.apply;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.diff.Action;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.diff.ObjectDrift;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.plan.Ownership;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Carries out a {@link Plan}: creates and patches in kind order, then prunes in reverse. Stops at
 * the first failed write and then prunes nothing, so a half-applied revision never deletes what
 * the objects after it still need. A 409 (someone edited the object meanwhile) re-reads and retries.
 */
public final class Applier {
    private static final int CONFLICT_RETRIES = 3;

    private final KubernetesWriter writer;
    private final LiveObjects live;
    private final EventRecorder events;
    private final boolean dryRunFirst;

    /** An applier that dry-runs every write of a plan before the first real one (the default). */
    public Applier(KubernetesWriter writer, LiveObjects live, EventRecorder events) {
        this(writer, live, events, true);
    }

    /**
     * {@code dryRunFirst}: before the first real write, send every create and patch of the plan once with
     * {@code dryRun=All} (strict); a rejection fails the stack with nothing of it written. Costs one request
     * per create or patch (none for unchanged objects or prunes).
     */
    public Applier(KubernetesWriter writer, LiveObjects live, EventRecorder events, boolean dryRunFirst) {
        this.writer = writer;
        this.live = live;
        this.events = events;
        this.dryRunFirst = dryRunFirst;
    }

    public ChangeSet apply(Plan plan) {
        if (dryRunFirst) {
            List<ChangeSet.Entry> rejected = new DryRunPass(writer.dryRun()).rejections(plan);
            if (!rejected.isEmpty()) {
                return new ChangeSet(rejected); // nothing written: the stack fails whole, not half-applied
            }
        }
        List<ChangeSet.Entry> entries = new ArrayList<>();
        boolean failed = false;
        for (Plan.Step step : plan.steps()) {
            if (failed) break;
            ChangeSet.Entry e = applyStep(plan.stack(), step);
            entries.add(e);
            failed = e.result() == ChangeSet.Result.FAILED;
        }
        for (ObjectDiff prune : plan.prunes()) {
            if (failed) break;
            ChangeSet.Entry e = pruneStep(plan.stack(), prune);
            entries.add(e);
            failed = e.result() == ChangeSet.Result.FAILED;
        }
        return new ChangeSet(entries);
    }

    private ChangeSet.Entry applyStep(String stack, Plan.Step step) {
        ObjectDiff diff = step.diff();
        ObjectNode basis = step.live(); // the live object the diff was computed on: its resourceVersion guards the patch
        try {
            for (int attempt = 0; ; attempt++) {
                switch (diff.action()) {
                    case CREATE -> {
                        try {
                            writer.create(diff.ref(), withLastApplied(step.desired()));
                            events.record(stack, diff.ref(), "Created", "created by stack-agent");
                            return entry(diff, ChangeSet.Result.CREATED, "created");
                        } catch (KubernetesClientException e) {
                            // 409 AlreadyExists: created meanwhile (or a retried POST whose first answer was lost): compare and patch instead
                            if (!KubernetesWriter.isConflict(e) || attempt >= CONFLICT_RETRIES) throw e;
                            basis = live.get(diff.ref());
                            if (basis != null && !Ownership.ownedBy(basis, stack)) {
                                // created meanwhile by someone else: never taken over
                                return entry(diff, ChangeSet.Result.FAILED, Ownership.conflictReason(diff.ref(), basis, stack));
                            }
                            diff = rediff(step, basis);
                        }
                    }
                    case UPDATE -> {
                        try {
                            writer.patch(diff.ref(), conditionalPatch(diff, step.desired(), basis));
                            events.record(stack, diff.ref(), "Configured", "changed " + paths(diff));
                            return entry(diff, ChangeSet.Result.CONFIGURED, "configured " + paths(diff));
                        } catch (KubernetesClientException e) {
                            if (!KubernetesWriter.isConflict(e) || attempt >= CONFLICT_RETRIES) throw e;
                            basis = live.get(diff.ref()); // edited meanwhile: compare again with what is there now
                            diff = rediff(step, basis);
                        }
                    }
                    case SKIP -> {
                        return entry(diff, ChangeSet.Result.SKIPPED, diff.reason());
                    }
                    case CONFLICT -> {
                        return entry(diff, ChangeSet.Result.FAILED, diff.reason()); // never written; the sync stops before applying
                    }
                    default -> {
                        return entry(diff, ChangeSet.Result.UNCHANGED, "unchanged");
                    }
                }
            }
        } catch (KubernetesClientException e) {
            return entry(diff, ChangeSet.Result.FAILED, failure(diff.action() == Action.CREATE ? "create" : "patch", e));
        }
    }

    private static ObjectDiff rediff(Plan.Step step, ObjectNode basis) {
        return ObjectDrift.diff(step.diff().ref(), step.desired(), basis, Planner.lastAppliedOf(basis));
    }

    private ChangeSet.Entry pruneStep(String stack, ObjectDiff diff) {
        if (diff.action() != Action.PRUNE) {
            return entry(diff, ChangeSet.Result.SKIPPED, diff.reason());
        }
        try {
            writer.delete(diff.ref());
            events.record(stack, diff.ref(), "Pruned", "deleted by stack-agent: no longer in Git");
            return entry(diff, ChangeSet.Result.PRUNED, "pruned: no longer in Git");
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return entry(diff, ChangeSet.Result.PRUNED, "already gone");
            return entry(diff, ChangeSet.Result.FAILED, failure("delete", e));
        }
    }

    /** The diff's patch, made conditional on the live resourceVersion, plus the new last-applied record. */
    public static ArrayNode conditionalPatch(ObjectDiff diff, ObjectNode desired, ObjectNode live) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        String rv = live == null ? null : live.path("metadata").path("resourceVersion").asText(null);
        if (rv != null) {
            patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", rv);
        }
        patch.addAll(diff.patch());
        boolean hasAnnotations = live != null && live.path("metadata").path("annotations").isObject()
                || diff.patch().findValues("path").stream().anyMatch(p -> p.asText().equals("/metadata/annotations"));
        String record = Ownership.lastAppliedRecord(desired).toString();
        if (hasAnnotations) {
            patch.addObject().put("op", "add").put("path", "/metadata/annotations/" + escape(Ownership.LAST_APPLIED)).put("value", record);
        } else {
            ObjectNode value = patch.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value");
            value.put(Ownership.LAST_APPLIED, record);
        }
        return patch;
    }

    public static ObjectNode withLastApplied(ObjectNode desired) {
        ObjectNode body = desired.deepCopy();
        ObjectNode meta = (ObjectNode) body.get("metadata");
        ObjectNode annotations = meta.has("annotations") && meta.get("annotations").isObject()
                ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
        annotations.put(Ownership.LAST_APPLIED, Ownership.lastAppliedRecord(desired).toString());
        return body;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String paths(ObjectDiff diff) {
        return String.join(", ", diff.changes().stream().map(FieldChange::path).toList());
    }

    static ChangeSet.Entry entry(ObjectDiff diff, ChangeSet.Result result, String message) {
        return new ChangeSet.Entry(diff.ref(), result, diff.changes().stream().map(FieldChange::path).toList(), message);
    }

    static String failure(String verb, KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        return verb + " failed" + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "") + ": " + reason;
    }
}
