package dev.stackagent.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes object as Git declares it. {@code body} must not be mutated; {@code file} and
 * {@code line} say where it was written (for error messages), relative to the config repo.
 */
public record DesiredObject(ObjectRef ref, ObjectNode body, String file, int line) {
    /** Never prints the body: a Secret copy's body carries the values. */
    @Override
    public String toString() {
        return ref + " (" + file + (line > 0 ? ":" + line : "") + ")";
    }
}
