package dev.stackagent.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.stackagent.desired.ObjectRef;

/**
 * Three-way drift of one Kubernetes object, a pure function of (desired, live, last-applied).
 *
 * <ul>
 * <li>Only fields present in desired are compared, so server defaults and controller-written
 * fields (status, annotations, CRD defaults) never show as drift.</li>
 * <li>Arrays are compared element by element when their lengths match (so defaults inside list
 * items are ignored too); otherwise the whole array is replaced, as a real API server does.</li>
 * <li>Fields present in last-applied but removed from Git are removed live (three-way).</li>
 * </ul>
 */
public final class ObjectDrift {
    public static final TextNode REDACTED = TextNode.valueOf("(redacted)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ObjectDrift() {
    }

    public static ObjectDiff diff(ObjectRef ref, ObjectNode desired, ObjectNode live, ObjectNode lastApplied) {
        if (live == null) {
            return new ObjectDiff(ref, Action.CREATE, List.of(), NODES.arrayNode(), "not found live");
        }
        String controller = foreignController(live);
        if (controller != null) {
            return new ObjectDiff(ref, Action.SKIP, List.of(), NODES.arrayNode(), "controlled by " + controller);
        }
        List<FieldChange> changes = new ArrayList<>();
        ArrayNode patch = NODES.arrayNode();
        boolean secret = "Secret".equals(ref.kind());
        compare("", desired, live, changes, patch, secret);
        if (lastApplied != null) {
            removed("", lastApplied, desired, live, changes, patch, secret);
        }
        Action action = changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
        return new ObjectDiff(ref, action, changes, patch, null);
    }

    /** An existing object the stack may not take over; {@code reason} says whose it is and how to adopt it. */
    public static ObjectDiff conflict(ObjectRef ref, String reason) {
        return new ObjectDiff(ref, Action.CONFLICT, List.of(), NODES.arrayNode(), reason);
    }

    /** A tracked object that Git no longer holds. */
    public static ObjectDiff prune(ObjectRef ref, ObjectNode live) {
        String controller = live == null ? null : foreignController(live);
        if (controller != null) {
            return new ObjectDiff(ref, Action.SKIP, List.of(), NODES.arrayNode(), "controlled by " + controller + ", not pruned");
        }
        return new ObjectDiff(ref, Action.PRUNE, List.of(), NODES.arrayNode(), "no longer in Git");
    }

    /** "kind/name" of the controlling owner, or null when none. */
    public static String foreignController(JsonNode live) {
        JsonNode owners = live.path("metadata").path("ownerReferences");
        for (JsonNode o : owners) {
            if (o.path("controller").asBoolean(false)) {
                return o.path("kind").asText() + "/" + o.path("name").asText();
            }
        }
        return null;
    }

    private static void compare(String path, JsonNode d, JsonNode l, List<FieldChange> changes, ArrayNode patch, boolean secret) {
        if (d.isObject() && l != null && l.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = d.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = path + "/" + escape(f.getKey());
                JsonNode lv = l.get(f.getKey());
                if (lv == null || lv.isNull() && !f.getValue().isNull()) {
                    if (f.getValue().isNull()) continue;
                    patch.add(op(lv == null ? "add" : "replace", p, f.getValue()));
                    changes.add(change(p, null, f.getValue(), secret));
                } else {
                    compare(p, f.getValue(), lv, changes, patch, secret);
                }
            }
            return;
        }
        if (d.isArray() && l != null && l.isArray() && d.size() == l.size()) {
            int mark = patch.size();
            List<FieldChange> inner = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) {
                compare(path + "/" + i, d.get(i), l.get(i), inner, patch, secret);
            }
            changes.addAll(inner);
            if (patch.size() > mark && !d.isEmpty() && !elementsAreObjects(d)) {
                // Scalar lists: one replace of the whole list reads better than per-index ops.
                while (patch.size() > mark) patch.remove(patch.size() - 1);
                changes.removeAll(inner);
                patch.add(op("replace", path, d));
                changes.add(change(path, l, d, secret));
            }
            return;
        }
        if (!sameValue(d, l) && !(inResourceList(path) && sameQuantity(d, l))) {
            patch.add(op("replace", path, d));
            changes.add(change(path, l, d, secret));
        }
    }

    private static void removed(String path, JsonNode a, JsonNode d, JsonNode l, List<FieldChange> changes, ArrayNode patch, boolean secret) {
        if (a.isObject() && d.isObject() && l != null && l.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = path + "/" + escape(f.getKey());
                JsonNode dv = d.get(f.getKey());
                JsonNode lv = l.get(f.getKey());
                if (lv == null) continue;
                if (dv == null) {
                    patch.add(NODES.objectNode().put("op", "remove").put("path", p));
                    changes.add(change(p, lv, null, secret));
                } else {
                    removed(p, f.getValue(), dv, lv, changes, patch, secret);
                }
            }
        } else if (a.isArray() && d.isArray() && l != null && l.isArray() && a.size() == d.size() && d.size() == l.size()) {
            for (int i = 0; i < a.size(); i++) {
                removed(path + "/" + i, a.get(i), d.get(i), l.get(i), changes, patch, secret);
            }
        }
    }

    private static boolean elementsAreObjects(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isObject()) return false;
        }
        return true;
    }

    /** JSON equality, except that numbers compare by value and a number equals its decimal text ("4" and 4). */
    static boolean sameValue(JsonNode d, JsonNode l) {
        if (l == null) return d == null || d.isNull();
        if (d.isNumber() && l.isNumber()) {
            return new BigDecimal(d.asText()).compareTo(new BigDecimal(l.asText())) == 0;
        }
        if (d.isNumber() && l.isTextual() || d.isTextual() && l.isNumber()) {
            BigDecimal dv = decimal(d.asText());
            BigDecimal lv = decimal(l.asText());
            return dv != null && lv != null ? dv.compareTo(lv) == 0 : d.asText().equals(l.asText());
        }
        if (d.isObject() && l.isObject() || d.isArray() && l.isArray()) {
            // Reached only for objects/arrays whose structure differs (handled by compare); fall back to equality.
            return d.equals(l);
        }
        return d.equals(l);
    }

    private static final Pattern QUANTITY = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
    private static final Set<String> RESOURCE_LISTS = Set.of("requests", "limits", "capacity", "hard", "overhead");

    /** A value in a Kubernetes ResourceList ({@code resources.requests.cpu}), which the API server canonicalises. */
    private static boolean inResourceList(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) return false;
        String parent = path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
        return RESOURCE_LISTS.contains(parent);
    }

    /** {@code 0.5} and {@code "500m"}, {@code "1024Mi"} and {@code "1Gi"}: the same Kubernetes quantity. */
    static boolean sameQuantity(JsonNode d, JsonNode l) {
        if (l == null || !(d.isNumber() || d.isTextual()) || !(l.isNumber() || l.isTextual())) return false;
        BigDecimal dv = quantity(d.asText());
        BigDecimal lv = quantity(l.asText());
        return dv != null && lv != null && dv.compareTo(lv) == 0;
    }

    private static BigDecimal quantity(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) return null;
        BigDecimal n = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) return n;
        return switch (suffix) {
            case "Ki" -> n.multiply(BigDecimal.valueOf(2).pow(10));
            case "Mi" -> n.multiply(BigDecimal.valueOf(2).pow(20));
            case "Gi" -> n.multiply(BigDecimal.valueOf(2).pow(30));
            case "Ti" -> n.multiply(BigDecimal.valueOf(2).pow(40));
            case "Pi" -> n.multiply(BigDecimal.valueOf(2).pow(50));
            case "Ei" -> n.multiply(BigDecimal.valueOf(2).pow(60));
            case "n" -> n.scaleByPowerOfTen(-9);
            case "u" -> n.scaleByPowerOfTen(-6);
            case "m" -> n.scaleByPowerOfTen(-3);
            case "k" -> n.scaleByPowerOfTen(3);
            case "M" -> n.scaleByPowerOfTen(6);
            case "G" -> n.scaleByPowerOfTen(9);
            case "T" -> n.scaleByPowerOfTen(12);
            case "P" -> n.scaleByPowerOfTen(15);
            case "E" -> n.scaleByPowerOfTen(18);
            default -> n.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode o = NODES.objectNode();
        o.put("op", op);
        o.put("path", path);
        o.set("value", value.deepCopy());
        return o;
    }

    private static FieldChange change(String path, JsonNode from, JsonNode to, boolean secret) {
        if (secret && (path.startsWith("/data") || path.startsWith("/stringData"))) {
            return new FieldChange(path, from == null ? null : REDACTED, to == null ? null : REDACTED);
        }
        return new FieldChange(path, from == null ? null : from.deepCopy(), to == null ? null : to.deepCopy());
    }

    /** RFC 6901 escaping of one path segment. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
