package dev.stackagent.gke;

import java.util.List;

import dev.stackagent.diff.FieldChange;

/**
 * How one declared node pool differs from GKE. Changes are in the order they must run. {@code notes}
 * explain what was not compared (for example an unknown node count).
 */
public record NodePoolDrift(String pool, LiveState liveState, List<NodePoolChange> changes, List<String> notes) {

    /** What the agent knows of the pool in GKE. */
    public enum LiveState {
        /** The pool exists and was compared. */
        PRESENT,
        /** GKE has no such pool: it would be created. */
        ABSENT,
        /** GKE could not be read (offline plan or an API error). */
        UNKNOWN,
        /** GKE management is switched off. */
        NOT_MANAGED
    }

    public NodePoolDrift {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean inSync() {
        return liveState == LiveState.PRESENT && changes.isEmpty();
    }

    public boolean needsReplacement() {
        return changes.stream().anyMatch(c -> c.type() == ChangeType.REQUIRES_REPLACEMENT);
    }

    /** A change the stack did not allow (a replacement without {@code allowReplacement: true}). */
    public boolean blocked() {
        return changes.stream().anyMatch(c -> !c.allowed());
    }

    public List<FieldChange> fieldChanges() {
        return changes.stream().flatMap(c -> c.fields().stream()).toList();
    }

    /** One line for {@code plan} and status: "tpu-v6e-pool: would create", "in sync", ... */
    public String summary() {
        return switch (liveState) {
            case NOT_MANAGED -> pool + ": not managed (GKE management is off)";
            case UNKNOWN -> pool + ": live state unknown" + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
            case ABSENT -> pool + ": would create";
            case PRESENT -> changes.isEmpty() ? pool + ": in sync"
                    : pool + ": " + String.join(", ", changes.stream().map(NodePoolDrift::describe).toList());
        };
    }

    private static String describe(NodePoolChange change) {
        String name = change.type().name().toLowerCase().replace('_', ' ');
        return change.allowed() ? name : name + " (blocked: " + change.reason() + ")";
    }
}
