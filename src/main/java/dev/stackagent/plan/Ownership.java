package dev.stackagent.plan;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.policy.HardRules;
import dev.stackagent.policy.Policy;

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
        return stamp(o, stack, false);
    }

    /**
     * As above; {@code adopting} also records the adoption on the object ({@value HardRules#ADOPT_ANNOTATION}),
     * so that a later prune lets it go instead of deleting what the agent never created.
     */
    public static ObjectNode stamp(DesiredObject o, String stack, boolean adopting) {
        ObjectNode body = o.body().deepCopy();
        ObjectNode meta = (ObjectNode) body.get("metadata");
        ObjectNode labels = meta.has("labels") && meta.get("labels").isObject()
                ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
        labels.put(MANAGED_BY, MANAGER);
        labels.put(STACK_LABEL, stack);
        if (adopting) {
            ObjectNode annotations = meta.has("annotations") && meta.get("annotations").isObject()
                    ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
            annotations.put(HardRules.ADOPT_ANNOTATION, stack);
        }
        return body;
    }

    /** How a stack may treat the live object of one of its desired objects. */
    public enum Claim {
        /** Absent live: the agent creates it (and so may delete it later). */
        CREATE,
        /** The agent's for this stack: labelled so, or held in its inventory and labelled for no other stack. */
        OWNED,
        /** An admin set {@value HardRules#ADOPT_ANNOTATION}={@code stack} on the live object. */
        ADOPT_BY_ANNOTATION,
        /** The policy's {@code adoption:} names the object for this stack. */
        ADOPT_BY_POLICY,
        /** Someone else's: not taken over. */
        CONFLICT
    }

    /** Whether {@code stack} may apply {@code ref} over {@code live}; {@code held}: its inventory holds the object. */
    public static Claim claim(ObjectRef ref, JsonNode live, String stack, boolean held, Policy policy) {
        if (live == null) return Claim.CREATE;
        if (ownedBy(live, stack)) return Claim.OWNED;
        String other = otherStack(live, stack);
        if (other != null) return Claim.CONFLICT; // another stack's: adoption never moves an object between stacks
        if (held) return Claim.OWNED;
        if (stack.equals(live.path("metadata").path("annotations").path(HardRules.ADOPT_ANNOTATION).asText(null))) {
            return Claim.ADOPT_BY_ANNOTATION;
        }
        if (policy.adoptable(stack, ref.group(), ref.kind(), ref.namespace(), ref.name())) return Claim.ADOPT_BY_POLICY;
        return Claim.CONFLICT;
    }

    /** What a conflict says: whose the object is and how an admin lets this stack adopt it. */
    public static String conflictReason(ObjectRef ref, JsonNode live, String stack) {
        String other = otherStack(live, stack);
        if (other != null) {
            return "already managed by stack-agent for stack " + other + ": an object belongs to one stack";
        }
        String kubectlKind = ref.kind().toLowerCase(java.util.Locale.ROOT) + (ref.group().isEmpty() ? "" : "." + ref.group());
        return "exists and was not created by stack-agent: not taken over. To let stack " + stack + " adopt it, an admin runs "
                + "'kubectl annotate " + kubectlKind + " " + ref.name() + (ref.namespace() == null ? "" : " -n " + ref.namespace())
                + " " + HardRules.ADOPT_ANNOTATION + "=" + stack + "' or lists it under adoption: in the agent policy";
    }

    /** True when the live object carries the adoption mark for {@code stack}. */
    public static boolean adoptedBy(JsonNode live, String stack) {
        return stack.equals(live.path("metadata").path("annotations").path(HardRules.ADOPT_ANNOTATION).asText(null));
    }

    /** True when the object was adopted rather than created by the agent: a prune lets it go, never deletes it. */
    public static boolean adopted(JsonNode live) {
        return live.path("metadata").path("annotations").hasNonNull(HardRules.ADOPT_ANNOTATION);
    }

    private static String otherStack(JsonNode live, String stack) {
        JsonNode labels = live.path("metadata").path("labels");
        String other = labels.path(STACK_LABEL).asText("");
        return MANAGER.equals(labels.path(MANAGED_BY).asText()) && !other.isEmpty() && !other.equals(stack) ? other : null;
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
