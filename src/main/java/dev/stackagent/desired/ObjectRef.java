package dev.stackagent.desired;

import java.util.Comparator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Identity of a Kubernetes object: apiVersion, kind, namespace (null when cluster-scoped), name. */
@RegisterForReflection
public record ObjectRef(String apiVersion, String kind, String namespace, String name) implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER = Comparator
            .comparing(ObjectRef::kind)
            .thenComparing(r -> r.namespace() == null ? "" : r.namespace())
            .thenComparing(ObjectRef::name)
            .thenComparing(ObjectRef::apiVersion);

    /** API group, "" for the core group. */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The identity used to detect duplicates: group, kind, namespace and name (not the version). */
    public String key() {
        return group() + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    @Override
    public int compareTo(ObjectRef o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
