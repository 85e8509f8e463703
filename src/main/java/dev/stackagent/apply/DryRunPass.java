package dev.stackagent.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.plan.Plan;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The server dry run of a whole plan: every create and patch is sent once with {@code dryRun=All}
 * and {@code fieldValidation=Strict}, exactly as it will be sent for real (the same body, the same
 * conditional patch). The {@link Applier} runs it before its first real write and writes nothing of a
 * stack the server rejects; {@code plan --server-dry-run} shows its answers.
 *
 * <p>Not rejections (the real pass handles them as it always did): 409 (the object changed or
 * appeared meanwhile; the real write re-reads and retries) and 404 (a patched object deleted
 * meanwhile). Objects in a namespace the same plan creates are not dry-run: the API server answers
 * 404 for a namespace that does not exist yet, so they are checked only by their strict real write.
 *
 * <p>Before a sync ({@link #rejections}) the plan's first write is not dry-run either: nothing is
 * written before it, so its own strict real write, which goes through the same validation and
 * admission, rejects a bad object with nothing of the stack applied, as its dry run would have. For a
 * new stack that first write is its Namespace, often the only object a dry run could check, so a new
 * stack's first sync sends no dry run. {@code plan --server-dry-run} ({@link #outcomes}) sends them all.
 */
public final class DryRunPass {
    private final DryRunWriter dryRun;

    public DryRunPass(DryRunWriter dryRun) {
        this.dryRun = dryRun;
    }

    /**
     * The server's answer to one create or patch: {@code stored} (the object as it would be stored), or
     * {@code rejection} (the server's message), or {@code notChecked} (why it was not sent).
     */
    public record Outcome(ObjectDiff diff, ObjectNode stored, String rejection, String notChecked) {
        /** Never prints the stored object: for a Secret it carries the values. */
        @Override
        public String toString() {
            return "Outcome[" + diff.ref() + (rejection == null ? "" : " rejected: " + rejection) + (notChecked == null ? "" : " " + notChecked) + "]";
        }
    }

    /** One outcome per create or update step of {@code plan}, in apply order (other steps are not sent). */
    public List<Outcome> outcomes(Plan plan) {
        Set<String> newNamespaces = newNamespaces(plan);
        List<Outcome> out = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            if (writes(step)) out.add(outcome(step, newNamespaces));
        }
        return out;
    }

    /**
     * A FAILED entry for each create or patch the server rejects; empty when all would be accepted. The
     * plan's first write is dry-run only when another object is rejected, so that every rejection of the
     * commit is reported at once; otherwise its real write is its check (see the class comment).
     */
    List<ChangeSet.Entry> rejections(Plan plan) {
        Set<String> newNamespaces = newNamespaces(plan);
        List<Plan.Step> writes = plan.steps().stream().filter(DryRunPass::writes).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (Plan.Step step : writes.stream().skip(1).toList()) {
            outcomes.add(outcome(step, newNamespaces));
        }
        if (!writes.isEmpty() && outcomes.stream().anyMatch(o -> o.rejection() != null)) {
            outcomes.add(0, outcome(writes.get(0), newNamespaces));
        }
        return outcomes.stream().filter(o -> o.rejection() != null)
                .map(o -> Applier.entry(o.diff(), ChangeSet.Result.FAILED,
                        "rejected by the API server's dry run, nothing of the stack applied: " + o.rejection()))
                .toList();
    }

    /** The dry run of one create or patch (none for an object in a namespace the plan creates). */
    private Outcome outcome(Plan.Step step, Set<String> newNamespaces) {
        ObjectDiff diff = step.diff();
        if (diff.ref().namespace() != null && newNamespaces.contains(diff.ref().namespace())) {
            return new Outcome(diff, null, null, "not dry-run: its namespace " + diff.ref().namespace() + " is created by this plan");
        }
        try {
            ObjectNode stored = diff.action() == Action.CREATE ? dryRun.create(diff.ref(), Applier.withLastApplied(step.desired()))
                    : dryRun.patch(diff.ref(), Applier.conditionalPatch(diff, step.desired(), step.live()));
            return new Outcome(diff, stored, null, null);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return new Outcome(diff, null, null, "not dry-run: HTTP " + e.getCode() + " (changed meanwhile)");
            }
            return new Outcome(diff, null, Applier.failure(diff.action() == Action.CREATE ? "create" : "patch", e), null);
        }
    }

    /** Whether the applier sends a create or patch for this step (in plan order: the first such step is the plan's first write). */
    private static boolean writes(Plan.Step step) {
        return step.diff().action() == Action.CREATE || step.diff().action() == Action.UPDATE;
    }

    private static Set<String> newNamespaces(Plan plan) {
        Set<String> out = new HashSet<>();
        plan.steps().stream().map(Plan.Step::diff)
                .filter(d -> d.action() == Action.CREATE && "Namespace".equals(d.ref().kind()) && d.ref().namespace() == null)
                .forEach(d -> out.add(d.ref().name()));
        return out;
    }
}
