package dev.stackagent.gke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.NodeTaint;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.diff.FieldChange;

/**
 * Declared node pool vs GKE's, over the declared fields only. Pure: the live pool and the current
 * node count (from Kubernetes Nodes) come in as arguments.
 *
 * <p>Never drift: the node count while autoscaling is on (the cluster autoscaler owns it); labels and
 * taints GKE adds itself ({@link GkeManagedKeys}); anything not declared.
 */
public final class NodePoolDiff {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NodePoolDiff() {
    }

    public static NodePoolDrift diff(NodePoolSpec desired, NodePool live, OptionalInt currentNodeCount) {
        if (live == null) {
            return new NodePoolDrift(desired.name(), NodePoolDrift.LiveState.ABSENT,
                    List.of(NodePoolChange.allowed(ChangeType.CREATE,
                            List.of(new FieldChange(root(desired.name()), null, specJson(desired))))),
                    List.of());
        }
        List<NodePoolChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        replacement(desired, live).ifPresent(changes::add);
        List<FieldChange> autoscaling = autoscaling(desired, live.getAutoscaling());
        if (!autoscaling.isEmpty()) {
            changes.add(NodePoolChange.allowed(ChangeType.SET_AUTOSCALING, autoscaling));
        }
        size(desired, live, currentNodeCount, notes).ifPresent(changes::add);
        List<FieldChange> labelsTaints = new ArrayList<>();
        labels(desired, live).ifPresent(labelsTaints::add);
        taints(desired, live).ifPresent(labelsTaints::add);
        if (!labelsTaints.isEmpty()) {
            changes.add(NodePoolChange.allowed(ChangeType.UPDATE_LABELS_TAINTS, labelsTaints));
        }
        locations(desired, live).ifPresent(f -> changes.add(NodePoolChange.allowed(ChangeType.UPDATE_LOCATIONS, List.of(f))));
        return new NodePoolDrift(desired.name(), NodePoolDrift.LiveState.PRESENT, changes, notes);
    }

    /** Without access to GKE: the pool is shown with what it would be created as, live state unknown. */
    public static NodePoolDrift offline(NodePoolSpec desired, String why) {
        return new NodePoolDrift(desired.name(), NodePoolDrift.LiveState.UNKNOWN,
                List.of(NodePoolChange.allowed(ChangeType.CREATE,
                        List.of(new FieldChange(root(desired.name()), null, specJson(desired))))),
                List.of(why + "; would create if absent"));
    }

    public static NodePoolDrift notManaged(NodePoolSpec desired) {
        return new NodePoolDrift(desired.name(), NodePoolDrift.LiveState.NOT_MANAGED, List.of(), List.of());
    }

    private static Optional<NodePoolChange> replacement(NodePoolSpec d, NodePool live) {
        String p = root(d.name());
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, p + "/machineType", d.machineType(), live.getConfig().getMachineType());
        compare(fields, p + "/tpuTopology", d.tpuTopology(), live.getPlacementPolicy().getTpuTopology());
        compare(fields, p + "/spot", d.spot(), live.getConfig().getSpot());
        compare(fields, p + "/diskSizeGb", d.diskSizeGb(), live.getConfig().getDiskSizeGb());
        compare(fields, p + "/diskType", d.diskType(), live.getConfig().getDiskType());
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        boolean allowed = d.replacementAllowed();
        return Optional.of(new NodePoolChange(ChangeType.REQUIRES_REPLACEMENT, fields, allowed,
                allowed ? null : "GKE cannot change these in place; set allowReplacement: true to delete and recreate the pool"));
    }

    private static List<FieldChange> autoscaling(NodePoolSpec d, NodePoolAutoscaling live) {
        NodePoolSpec.Autoscaling a = d.autoscaling();
        List<FieldChange> fields = new ArrayList<>();
        if (a == null) {
            return fields;
        }
        String p = root(d.name()) + "/autoscaling";
        compare(fields, p + "/enabled", a.isEnabled(), live.getEnabled());
        if (a.isEnabled()) {
            compare(fields, p + "/minNodeCount", a.minNodeCount(), live.getMinNodeCount());
            compare(fields, p + "/maxNodeCount", a.maxNodeCount(), live.getMaxNodeCount());
            compare(fields, p + "/totalMinNodeCount", a.totalMinNodeCount(), live.getTotalMinNodeCount());
            compare(fields, p + "/totalMaxNodeCount", a.totalMaxNodeCount(), live.getTotalMaxNodeCount());
            String livePolicy = live.getLocationPolicy() == NodePoolAutoscaling.LocationPolicy.LOCATION_POLICY_UNSPECIFIED
                    ? "" : live.getLocationPolicy().name();
            compare(fields, p + "/locationPolicy",
                    a.locationPolicy() == null ? null : a.locationPolicy().toUpperCase(Locale.ROOT), livePolicy);
        }
        return fields;
    }

    /** Size only counts while autoscaling is (or is about to be) off, against the Nodes that exist now. */
    private static Optional<NodePoolChange> size(NodePoolSpec d, NodePool live, OptionalInt current,
            List<String> notes) {
        boolean autoscalingAfter = d.autoscaling() != null ? d.autoscaling().isEnabled() : live.getAutoscaling().getEnabled();
        if (d.nodeCount() == null || autoscalingAfter) {
            return Optional.empty();
        }
        if (current.isEmpty()) {
            notes.add("current node count unknown; size not compared");
            return Optional.empty();
        }
        if (current.getAsInt() == d.nodeCount()) {
            return Optional.empty();
        }
        return Optional.of(NodePoolChange.allowed(ChangeType.SET_SIZE, List.of(new FieldChange(
                root(d.name()) + "/nodeCount", JSON.numberNode(current.getAsInt()), JSON.numberNode(d.nodeCount())))));
    }

    private static Optional<FieldChange> labels(NodePoolSpec d, NodePool live) {
        if (d.labels() == null) {
            return Optional.empty();
        }
        Map<String, String> want = userLabels(d.labels());
        Map<String, String> have = userLabels(live.getConfig().getLabelsMap());
        if (want.equals(have)) {
            return Optional.empty();
        }
        return Optional.of(new FieldChange(root(d.name()) + "/labels", labelsJson(have), labelsJson(want)));
    }

    private static Optional<FieldChange> taints(NodePoolSpec d, NodePool live) {
        if (d.taints() == null) {
            return Optional.empty();
        }
        TreeSet<String> want = new TreeSet<>();
        d.taints().stream().map(NodePoolProtos::taint).filter(t -> !GkeManagedKeys.isGkeTaint(t.getKey()))
                .map(NodePoolDiff::taintKey).forEach(want::add);
        TreeSet<String> have = new TreeSet<>();
        live.getConfig().getTaintsList().stream().filter(t -> !GkeManagedKeys.isGkeTaint(t.getKey()))
                .map(NodePoolDiff::taintKey).forEach(have::add);
        if (want.equals(have)) {
            return Optional.empty();
        }
        List<NodeTaint> haveTaints = live.getConfig().getTaintsList().stream()
                .filter(t -> !GkeManagedKeys.isGkeTaint(t.getKey())).toList();
        List<NodeTaint> wantTaints = d.taints().stream().map(NodePoolProtos::taint)
                .filter(t -> !GkeManagedKeys.isGkeTaint(t.getKey())).toList();
        return Optional.of(new FieldChange(root(d.name()) + "/taints", taintsJson(haveTaints), taintsJson(wantTaints)));
    }

    private static Optional<FieldChange> locations(NodePoolSpec d, NodePool live) {
        if (d.nodeLocations() == null) {
            return Optional.empty();
        }
        TreeSet<String> want = new TreeSet<>(d.nodeLocations());
        TreeSet<String> have = new TreeSet<>(live.getLocationsList());
        if (want.equals(have)) {
            return Optional.empty();
        }
        return Optional.of(new FieldChange(root(d.name()) + "/nodeLocations", strings(have), strings(want)));
    }

    private static void compare(List<FieldChange> fields, String path, Object desired, Object live) {
        if (desired != null && !Objects.equals(desired, live)) {
            fields.add(new FieldChange(path, value(live), value(desired)));
        }
    }

    private static Map<String, String> userLabels(Map<String, String> labels) {
        Map<String, String> user = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (!GkeManagedKeys.isGkeLabel(k)) {
                user.put(k, v);
            }
        });
        return user;
    }

    private static String taintKey(NodeTaint t) {
        return t.getKey() + "=" + t.getValue() + ":" + t.getEffect().name();
    }

    static String root(String pool) {
        return "/nodePools/" + pool;
    }

    static JsonNode value(Object v) {
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return JSON.numberNode(i);
        }
        return v == null ? null : JSON.textNode(v.toString());
    }

    private static JsonNode labelsJson(Map<String, String> labels) {
        ObjectNode node = JSON.objectNode();
        new TreeMap<>(labels).forEach(node::put);
        return node;
    }

    private static JsonNode taintsJson(List<NodeTaint> taints) {
        ArrayNode array = JSON.arrayNode();
        taints.stream().sorted(Comparator.comparing(NodePoolDiff::taintKey)).forEach(t -> array.addObject()
                .put("key", t.getKey()).put("value", t.getValue()).put("effect", t.getEffect().name()));
        return array;
    }

    private static JsonNode strings(Iterable<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** The declared fields of a pool, as {@code plan} shows a pool to create. */
    static JsonNode specJson(NodePoolSpec d) {
        ObjectNode node = JSON.objectNode();
        putIfDeclared(node, "machineType", d.machineType());
        putIfDeclared(node, "tpuTopology", d.tpuTopology());
        putIfDeclared(node, "spot", d.spot());
        putIfDeclared(node, "nodeCount", d.nodeCount());
        if (d.autoscaling() != null) {
            NodePoolSpec.Autoscaling a = d.autoscaling();
            ObjectNode as = node.putObject("autoscaling");
            as.put("enabled", a.isEnabled());
            putIfDeclared(as, "minNodeCount", a.minNodeCount());
            putIfDeclared(as, "maxNodeCount", a.maxNodeCount());
            putIfDeclared(as, "totalMinNodeCount", a.totalMinNodeCount());
            putIfDeclared(as, "totalMaxNodeCount", a.totalMaxNodeCount());
            putIfDeclared(as, "locationPolicy", a.locationPolicy());
        }
        if (d.nodeLocations() != null) {
            node.set("nodeLocations", strings(d.nodeLocations()));
        }
        if (d.labels() != null) {
            node.set("labels", labelsJson(d.labels()));
        }
        if (d.taints() != null) {
            node.set("taints", taintsJson(d.taints().stream().map(NodePoolProtos::taint).toList()));
        }
        putIfDeclared(node, "diskSizeGb", d.diskSizeGb());
        putIfDeclared(node, "diskType", d.diskType());
        return node;
    }

    private static void putIfDeclared(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, value(value));
        }
    }
}
