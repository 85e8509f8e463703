package dev.stackagent.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.stackagent.desired.ObjectRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One object of the stack's inventory: apiVersion, kind, namespace (absent when cluster-scoped), name. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StackObjectRef {
    private String apiVersion;
    private String kind;
    private String namespace;
    private String name;

    public StackObjectRef() {
    }

    public static StackObjectRef of(ObjectRef ref) {
        StackObjectRef r = new StackObjectRef();
        r.apiVersion = ref.apiVersion();
        r.kind = ref.kind();
        r.namespace = ref.namespace();
        r.name = ref.name();
        return r;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
