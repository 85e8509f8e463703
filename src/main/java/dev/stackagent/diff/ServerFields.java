package dev.stackagent.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.stackagent.desired.ObjectRef;

/**
 * Field-level views of whole objects, for a plan a person reviews. Pure.
 * <ul>
 * <li>{@link #fields}: every leaf of an object to be created, as {@code +} changes
 * ({@code from == null}), Secret values masked;</li>
 * <li>{@link #changes}: what the API server would change, comparing the object it would store (a
 * server dry run's answer) with the live one, so fields the server defaults show no drift.</li>
 * </ul>
 * Fields the API server manages ({@code status}, {@code metadata.uid}, {@code resourceVersion},
 * {@code generation}, {@code creationTimestamp}, {@code managedFields}) and the paths in
 * {@code ignored} (JSON Pointers, e.g. the agent's own bookkeeping annotation) are left out.
 */
public final class ServerFields {
    /** What a plan shows instead of a Secret's value. */
    public static final TextNode SENSITIVE = TextNode.valueOf("(sensitive)");
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
            "selfLink");

    private ServerFields() {
    }

    /** Every leaf of {@code object} as an added field, in document order. */
    public static List<FieldChange> fields(ObjectRef ref, ObjectNode object, Set<String> ignored) {
        List<FieldChange> out = new ArrayList<>();
        leaves("", clean(object, ignored), out);
        return mask(ref, out);
    }

    /** The fields {@code stored} (the server's dry-run answer) changes on {@code live}; empty when the server would change nothing. */
    public static List<FieldChange> changes(ObjectRef ref, ObjectNode stored, ObjectNode live, Set<String> ignored) {
        ObjectNode s = clean(stored, ignored);
        ObjectNode l = clean(live, ignored);
        return mask(ref, ObjectDrift.diff(ref, s, l, l).changes());
    }

    /** Secret values (under {@code data} and {@code stringData}) replaced by {@link #SENSITIVE}, whatever marker they carried. */
    public static List<FieldChange> mask(ObjectRef ref, List<FieldChange> changes) {
        if (!"Secret".equals(ref.kind())) return changes;
        return changes.stream().map(c -> c.path().startsWith("/data") || c.path().startsWith("/stringData")
                ? new FieldChange(c.path(), c.from() == null ? null : SENSITIVE, c.to() == null ? null : SENSITIVE) : c).toList();
    }

    private static ObjectNode clean(ObjectNode object, Set<String> ignored) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            SERVER_METADATA.forEach(meta::remove);
        }
        for (String pointer : ignored) {
            int slash = pointer.lastIndexOf('/');
            if (copy.at(pointer.substring(0, slash)) instanceof ObjectNode parent) {
                parent.remove(pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~"));
            }
        }
        if (copy.path("metadata").path("annotations") instanceof ObjectNode a && a.isEmpty()) {
            ((ObjectNode) copy.get("metadata")).remove("annotations");
        }
        return copy;
    }

    private static void leaves(String path, JsonNode node, List<FieldChange> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                leaves(path + "/" + ObjectDrift.escape(f.getKey()), f.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(path + "/" + i, node.get(i), out);
            }
        } else {
            out.add(new FieldChange(path, null, node.deepCopy()));
        }
    }
}
