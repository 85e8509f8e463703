package dev.stackagent.crd;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.stackagent.apply.ChangeSet;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the last acting sync did to one object: the action and the changed field paths, never their values. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class StackObjectAction extends StackObjectRef {
    @JsonPropertyDescription("Created, Configured, Pruned or Failed")
    private String action;
    @JsonPropertyDescription("Changed field paths (JSON Pointer), never values")
    private List<String> fields = new ArrayList<>();

    public StackObjectAction() {
    }

    public static StackObjectAction of(ChangeSet.Entry e) {
        StackObjectAction a = new StackObjectAction();
        StackObjectRef ref = StackObjectRef.of(e.ref());
        a.setApiVersion(ref.getApiVersion());
        a.setKind(ref.getKind());
        a.setNamespace(ref.getNamespace());
        a.setName(ref.getName());
        String r = e.result().name();
        a.action = r.charAt(0) + r.substring(1).toLowerCase(java.util.Locale.ROOT);
        a.fields = e.fields() == null ? new ArrayList<>() : new ArrayList<>(e.fields());
        return a;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public List<String> getFields() {
        return fields;
    }

    public void setFields(List<String> fields) {
        this.fields = fields;
    }
}
