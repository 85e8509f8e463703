package dev.stackagent.health.preflight;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A Secret a manifest refers to, by namespace and name only (never its data). */
@RegisterForReflection
public record SecretRef(String namespace, String name) implements Comparable<SecretRef> {

    @Override
    public int compareTo(SecretRef o) {
        int c = namespace.compareTo(o.namespace);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
