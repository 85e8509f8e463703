package dev.stackagent.gke;

import java.util.List;

import dev.stackagent.diff.FieldChange;

/**
 * One change of a node pool: its type, the fields it changes, and whether the agent may do it
 * ({@code false} only for a replacement the stack did not opt into; {@code reason} says why).
 */
public record NodePoolChange(ChangeType type, List<FieldChange> fields, boolean allowed, String reason) {

    public NodePoolChange {
        fields = List.copyOf(fields);
    }

    static NodePoolChange allowed(ChangeType type, List<FieldChange> fields) {
        return new NodePoolChange(type, fields, true, null);
    }
}
