package dev.stackagent.live;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.LivePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.Inventory;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.schedule.SleepOverlay;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The one read of a sync: builds the {@link StackSnapshot} of a stack. Objects are read grouped (one
 * LIST per kind and namespace where {@link LiveObjects} can), node pools once per sync, the Nodes of
 * each of the stack's pools with one LIST, and the Pods of each Node of the pools that sleep or may be replaced.
 */
public final class SnapshotReader {
    /** The label GKE sets on a Node with its node pool's name. */
    public static final String NODE_POOL_LABEL = "cloud.google.com/gke-nodepool";

    private final LiveObjects live;
    private final KubernetesClient client;
    private final NodePools pools;
    private final InventoryStore inventories;
    private final SecretCopySource secretCopies;

    /** Reading everything from the API server (the CLI's one-shot {@code plan}). */
    public SnapshotReader(LiveObjects live, KubernetesClient client, NodePools pools, InventoryStore inventories,
            SecretCopySource secretCopies) {
        this(live, client, pools, inventories, secretCopies, ObjectCache.NONE);
    }

    /** Consulting {@code cache} (the running agent's watches) before reading an object; what it does not know is read. */
    public SnapshotReader(LiveObjects live, KubernetesClient client, NodePools pools, InventoryStore inventories,
            SecretCopySource secretCopies, ObjectCache cache) {
        this.live = cache == ObjectCache.NONE ? live : new CachedLiveObjects(live, cache);
        this.client = client;
        this.pools = pools;
        this.inventories = inventories;
        this.secretCopies = secretCopies;
    }

    /** Everything the sync of {@code stack} reads; a Secret copy the policy refuses throws before anything else is read. */
    public StackSnapshot read(Stack stack) {
        Inventory inventory = inventories.read(stack.name());
        List<DesiredObject> copies = secretCopies.materialize(stack);
        Set<ObjectRef> refs = new LinkedHashSet<>();
        stack.objects().forEach(o -> refs.add(o.ref()));
        copies.forEach(o -> refs.add(o.ref()));
        refs.addAll(inventory.objects());
        List<String> poolNames = stack.config().nodePools().stream().map(NodePoolSpec::name).toList();
        LivePools livePools = poolNames.isEmpty() || !pools.managed() ? LivePools.of(Map.of()) : pools.read(stack.config().cluster());
        Map<String, List<Node>> nodes = nodes(poolNames);
        Map<String, Integer> counts = new HashMap<>();
        poolNames.forEach(p -> counts.put(p, nodes.getOrDefault(p, List.of()).size()));
        livePools = livePools.withNodeCounts(counts);
        // pods only where a question needs them: may a sleeping pool go to zero, may a pool be replaced
        Set<String> drained = new java.util.HashSet<>(SleepOverlay.sleepingPoolNames(stack.config()));
        stack.config().nodePools().stream().filter(NodePoolSpec::replacementAllowed).forEach(p -> drained.add(p.name()));
        Map<String, List<Pod>> pods = new HashMap<>();
        drained.forEach(pool -> nodes.getOrDefault(pool, List.of()).forEach(n -> pods.put(n.getMetadata().getName(),
                client.pods().inAnyNamespace().withField("spec.nodeName", n.getMetadata().getName()).list().getItems())));
        Map<String, List<com.fasterxml.jackson.databind.JsonNode>> json = new HashMap<>();
        // as JSON only the Nodes whose health is assessed (TPU pools'), each converted once per sync
        Set<String> tpuPools = new java.util.HashSet<>();
        stack.config().nodePools().stream().filter(SleepOverlay::isTpuPool).forEach(p -> tpuPools.add(p.name()));
        nodes.forEach((pool, list) -> {
            if (tpuPools.contains(pool)) json.put(pool, list.stream().map(n -> (com.fasterxml.jackson.databind.JsonNode)
                client.getKubernetesSerialization().convertValue(n, com.fasterxml.jackson.databind.node.ObjectNode.class)).toList());
        });
        return new StackSnapshot(inventory, copies, keys(refs), live.getAll(refs), livePools, nodes, json, pods);
    }

    /** The inventory and live objects of a stack removed from Git (nothing else is needed to prune it). */
    public StackSnapshot readRemoved(String stack) {
        Inventory inventory = inventories.read(stack);
        return new StackSnapshot(inventory, List.of(), keys(inventory.objects()), live.getAll(inventory.objects()), LivePools.of(Map.of()),
                Map.of(), Map.of(), Map.of());
    }

    private static Set<String> keys(java.util.Collection<ObjectRef> refs) {
        Set<String> out = new java.util.HashSet<>();
        refs.forEach(r -> out.add(r.key()));
        return out;
    }

    private Map<String, List<Node>> nodes(List<String> poolNames) {
        if (poolNames.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Node>> byPool = new HashMap<>();
        for (String pool : poolNames) { // one LIST per pool: set-based selectors are not served everywhere (the test server ignores them)
            byPool.put(pool, client.nodes().withLabel(NODE_POOL_LABEL, pool).list().getItems());
        }
        return byPool;
    }
}
