package dev.stackagent.health;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The health of one named part of a stack, e.g. {@code "LLMInferenceService ns/name"} or {@code "node pool tpu-v6e-pool"}. */
@RegisterForReflection
public record PartHealth(String part, Health health) {
}
