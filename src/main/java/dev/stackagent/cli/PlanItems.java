package dev.stackagent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.diff.Action;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.diff.ServerFields;
import dev.stackagent.plan.Ownership;
import dev.stackagent.plan.Plan;

/**
 * The per-field items of a plan a person reviews: a new object lists every field it will have
 * ({@code +}), a changed one each field before and after, Secret values masked as {@code (sensitive)}.
 */
final class PlanItems {
    /** The agent's bookkeeping annotation: written on every create and patch, never shown as a field. */
    static final Set<String> BOOKKEEPING = Set.of("/metadata/annotations/" + Ownership.LAST_APPLIED.replace("~", "~0").replace("/", "~1"));

    private PlanItems() {
    }

    /** The item of one object: {@code desired} (the stamped body, null for a prune) gives a create its fields. */
    static PlanReport.Item item(ObjectDiff d, ObjectNode desired, boolean live) {
        List<FieldChange> changes = d.action() == Action.CREATE && desired != null
                ? ServerFields.fields(d.ref(), desired, BOOKKEEPING) : ServerFields.mask(d.ref(), d.changes());
        return new PlanReport.Item(d.ref().kind(), name(d), d.action().name().toLowerCase(Locale.ROOT), changes, live ? d.reason() : null);
    }

    /** The stamped desired body of the step whose diff is {@code d}; null for a prune. */
    static ObjectNode desired(Plan plan, ObjectDiff d) {
        return plan.steps().stream().filter(s -> s.diff() == d).map(Plan.Step::desired).findFirst().orElse(null);
    }

    static String name(ObjectDiff d) {
        return (d.ref().namespace() == null ? "" : d.ref().namespace() + "/") + d.ref().name();
    }
}
