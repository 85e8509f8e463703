package dev.stackagent.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Secret copied from another namespace of the same cluster (the seed copies the Red Hat pull
 * secret from {@code istio-system} by hand). Values never pass through Git, logs, events or status.
 * {@code name} defaults to {@code fromName}.
 */
@RegisterForReflection
public record SecretCopy(String fromNamespace, String fromName, String namespace, String name) {
    public String targetName() {
        return name == null ? fromName : name;
    }
}
