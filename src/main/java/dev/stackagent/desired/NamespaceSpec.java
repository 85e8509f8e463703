package dev.stackagent.desired;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A namespace the stack owns: the agent creates it, labels it and may place objects in it. */
@RegisterForReflection
public record NamespaceSpec(String name, Map<String, String> labels, Map<String, String> annotations) {
    public NamespaceSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
