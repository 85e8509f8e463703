package dev.stackagent.desired;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes object as Git declares it. {@code body} must not be mutated; {@code file} and
 * {@code line} say where it was written (for error messages), relative to the config repo.
 */
public record DesiredObject(ObjectRef ref, ObjectNode body, String file, int line) {
}
