package dev.stackagent.cli;

import java.util.ArrayList;
import java.util.List;

import dev.stackagent.apply.DryRunPass;
import dev.stackagent.apply.DryRunWriter;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ServerFields;
import dev.stackagent.plan.Plan;
import dev.stackagent.sync.Preview;

/**
 * {@code plan --server-dry-run}: the agent's plan, with each create and patch sent to the API server
 * with {@code dryRun=All} and {@code fieldValidation=Strict} (through a {@link DryRunWriter}, which
 * cannot send anything else). A create shows the object as the server would store it (defaults
 * filled in); a patch shows what the server would change on the live object, so a field the server
 * defaults, or normalises back to its live value, shows no drift; a rejection (an unknown field, a
 * wrong type, an admission webhook's denial) shows as {@code rejected} with the server's message.
 */
final class ServerDryRunReport {
    private ServerDryRunReport() {
    }

    static PlanReport.StackPlan report(Preview preview, DryRunWriter writer, String scheduleLine, boolean gke) {
        PlanReport.StackPlan base = PlanCommand.report(preview, scheduleLine, gke);
        List<Plan.Step> steps = preview.plan().steps();
        List<DryRunPass.Outcome> outcomes = new DryRunPass(writer).outcomes(preview.plan());
        List<PlanReport.Item> objects = new ArrayList<>(base.objects()); // steps first, in order, then prunes
        for (int i = 0; i < steps.size(); i++) {
            Plan.Step step = steps.get(i);
            DryRunPass.Outcome o = outcomes.stream().filter(x -> x.diff() == step.diff()).findFirst().orElse(null);
            if (o != null) {
                objects.set(i, item(objects.get(i), step, o));
            }
        }
        return new PlanReport.StackPlan(base.stack(), base.cluster(), base.live(), base.schedule(), objects, base.nodePools(), base.error());
    }

    private static PlanReport.Item item(PlanReport.Item old, Plan.Step step, DryRunPass.Outcome o) {
        if (o.rejection() != null) {
            return new PlanReport.Item(old.kind(), old.name(), "rejected", old.changes(), o.rejection());
        }
        if (o.stored() == null) {
            return new PlanReport.Item(old.kind(), old.name(), old.action(), old.changes(), note(old.note(), o.notChecked()));
        }
        if (step.diff().action() == Action.CREATE) {
            return new PlanReport.Item(old.kind(), old.name(), old.action(),
                    ServerFields.fields(step.diff().ref(), o.stored(), PlanItems.BOOKKEEPING), note(old.note(), "as the server would store it"));
        }
        List<FieldChange> changes = ServerFields.changes(step.diff().ref(), o.stored(), step.live(), PlanItems.BOOKKEEPING);
        return changes.isEmpty()
                ? new PlanReport.Item(old.kind(), old.name(), "unchanged", List.of(),
                        note(old.note(), "Git differs, but the server would store what is live"))
                : new PlanReport.Item(old.kind(), old.name(), old.action(), changes, old.note());
    }

    private static String note(String a, String b) {
        return a == null ? b : a + "; " + b;
    }
}
