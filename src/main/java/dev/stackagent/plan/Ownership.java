package dev.stackagent.plan;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;

/** The labels and annotation that mark an object as applied by stack-agent for one stack. */
public final class Ownership {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "stack-agent";
    public static final String STACK_LABEL = "stack-agent.dev/stack";
    public static final String LAST_APPLIED = "stack-agent.dev/last-applied";

    private Ownership() {
    }

    /** Desired body with the ownership labels added (a copy; the input is not changed). */
    public static ObjectNode stamp(DesiredObject o, String stack) {
        ObjectNode body = o.body().deepCopy();
        ObjectNode meta = (ObjectNode) body.get("metadata");
        ObjectNode labels = meta.has("labels") && meta.get("labels").isObject()
                ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
        labels.put(MANAGED_BY, MANAGER);
        labels.put(STACK_LABEL, stack);
        return body;
    }

    /**
     * What is recorded as "last applied" for the three-way diff. Secret values are blanked: the
     * record keeps which keys the agent set, never their values.
     */
    public static ObjectNode lastAppliedRecord(ObjectNode stamped) {
        ObjectNode copy = stamped.deepCopy();
        if ("Secret".equals(copy.path("kind").asText())) {
            for (String field : new String[] {"data", "stringData"}) {
                JsonNode data = copy.get(field);
                if (data instanceof ObjectNode obj) {
                    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
                    while (it.hasNext()) it.next().setValue(obj.textNode(""));
                }
            }
        }
        return copy;
    }

    public static boolean ownedBy(JsonNode live, String stack) {
        JsonNode labels = live.path("metadata").path("labels");
        return MANAGER.equals(labels.path(MANAGED_BY).asText()) && stack.equals(labels.path(STACK_LABEL).asText());
    }
}
