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
        Set<String> newNamespaces = new HashSet<>();
        plan.steps().stream().map(Plan.Step::diff)
                .filter(d -> d.action() == Action.CREATE && "Namespace".equals(d.ref().kind()) && d.ref().namespace() == null)
                .forEach(d -> newNamespaces.add(d.ref().name()));
        List<Outcome> out = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            ObjectDiff diff = step.diff();
            if (diff.action() != Action.CREATE && diff.action() != Action.UPDATE) continue;
            if (diff.ref().namespace() != null && newNamespaces.contains(diff.ref().namespace())) {
                out.add(new Outcome(diff, null, null, "not dry-run: its namespace " + diff.ref().namespace() + " is created by this plan"));
                continue;
            }
            try {
                ObjectNode stored = diff.action() == Action.CREATE ? dryRun.create(diff.ref(), Applier.withLastApplied(step.desired()))
                        : dryRun.patch(diff.ref(), Applier.conditionalPatch(diff, step.desired(), step.live()));
                out.add(new Outcome(diff, stored, null, null));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 || e.getCode() == 404) {
                    out.add(new Outcome(diff, null, null, "not dry-run: HTTP " + e.getCode() + " (changed meanwhile)"));
                } else {
                    out.add(new Outcome(diff, null, Applier.failure(diff.action() == Action.CREATE ? "create" : "patch", e), null));
                }
            }
        }
        return out;
    }

    /** A FAILED entry for each create or patch the server rejects; empty when all would be accepted. */
    List<ChangeSet.Entry> rejections(Plan plan) {
        return outcomes(plan).stream().filter(o -> o.rejection() != null)
                .map(o -> Applier.entry(o.diff(), ChangeSet.Result.FAILED,
                        "rejected by the API server's dry run, nothing of the stack applied: " + o.rejection()))
                .toList();
    }
}
