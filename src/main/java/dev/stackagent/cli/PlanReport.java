package dev.stackagent.cli;

import java.util.List;

import dev.stackagent.diff.FieldChange;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What {@code plan} prints, per stack; the same value renders as text or JSON. */
@RegisterForReflection
public record PlanReport(List<StackPlan> stacks, List<String> errors) {

    @RegisterForReflection
    public record StackPlan(String stack, String cluster, boolean live, String schedule,
            List<Item> objects, List<Item> nodePools, String error) {
    }

    /**
     * One object or node pool: action (create, update, unchanged, prune, skip, unknown; rejected by a server dry run), its
     * fields (every field of a new object with {@code from == null}, each changed one with before and after; Secret values
     * {@code (sensitive)}), a note.
     */
    @RegisterForReflection
    public record Item(String kind, String name, String action, List<FieldChange> changes, String note) {
        public boolean drifted() {
            return PlanReport.drifted(this);
        }
    }

    public boolean hasDrift() {
        return stacks.stream().anyMatch(s -> s.objects().stream().anyMatch(PlanReport::drifted) || s.nodePools().stream().anyMatch(PlanReport::drifted));
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || stacks.stream().anyMatch(s -> s.error() != null);
    }

    static boolean drifted(Item i) {
        return switch (i.action()) {
            case "create", "update", "prune", "replace", "rejected" -> true;
            default -> false;
        };
    }
}
