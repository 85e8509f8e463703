package dev.stackagent.diff;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.stackagent.desired.ObjectRef;

/**
 * The drift of one object: the action, each changed field, and the RFC 6902 JSON Patch that
 * turns live into desired (empty unless {@code action == UPDATE}). {@code reason} explains SKIP/PRUNE.
 */
public record ObjectDiff(ObjectRef ref, Action action, List<FieldChange> changes, ArrayNode patch, String reason) {
    public ObjectDiff {
        changes = List.copyOf(changes);
    }

    /** Never prints the patch: for a Secret it carries the values. */
    @Override
    public String toString() {
        return "ObjectDiff[" + ref + " " + action + (changes.isEmpty() ? "" : " " + changes) + (reason == null ? "" : " (" + reason + ")") + "]";
    }

    public boolean drifted() {
        return action == Action.CREATE || action == Action.UPDATE || action == Action.PRUNE || action == Action.CONFLICT;
    }
}
