package dev.stackagent.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.gke.LivePools;
import dev.stackagent.inventory.Inventory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Everything one sync of a stack reads from the cluster, read once at its start and handed to the
 * pure steps as values: the inventory, the Secret copies materialised from their sources, the keys
 * of the objects it read and the live ones among them (by {@link dev.stackagent.desired.ObjectRef#key()}) of the stack, its copies and its
 * inventory, the cluster's node pools (one {@code listNodePools}), the Nodes of the stack's pools
 * and the Pods on them.
 */
public record StackSnapshot(
        Inventory inventory,
        List<DesiredObject> secretCopies,
        java.util.Set<String> keysRead,
        Map<String, ObjectNode> objects,
        LivePools pools,
        Map<String, List<Node>> nodesByPool,
        Map<String, List<JsonNode>> nodeJsonByPool,
        Map<String, List<Pod>> podsByNode) {

    public StackSnapshot {
        secretCopies = List.copyOf(secretCopies);
        keysRead = java.util.Set.copyOf(keysRead);
        objects = Map.copyOf(objects);
        nodesByPool = Map.copyOf(nodesByPool);
        nodeJsonByPool = Map.copyOf(nodeJsonByPool);
        podsByNode = Map.copyOf(podsByNode);
    }

    /** The live object, or null when it does not exist (or was not part of this snapshot). */
    public ObjectNode object(dev.stackagent.desired.ObjectRef ref) {
        return objects.get(ref.key());
    }

    /**
     * Reads through this snapshot: an object it read comes from it (null when it did not exist),
     * any other object from {@code fallback}. So nothing the sync already read is read twice.
     */
    public LiveObjects view(LiveObjects fallback) {
        return ref -> keysRead.contains(ref.key()) ? objects.get(ref.key()) : fallback.get(ref);
    }

    /** The Kubernetes Nodes of a node pool. */
    public List<Node> nodes(String pool) {
        return nodesByPool.getOrDefault(pool, List.of());
    }

    /** The Pods on a Node. */
    public List<Pod> pods(String node) {
        return podsByNode.getOrDefault(node, List.of());
    }

    /** The Nodes of a pool as JSON (for their health). */
    public List<JsonNode> nodesJson(String pool) {
        return nodeJsonByPool.getOrDefault(pool, List.of());
    }
}
