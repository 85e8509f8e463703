package dev.stackagent.inventory;

import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Keeps each stack's {@link Inventory} in a ConfigMap {@code stack-agent-inventory-<stack>} in the
 * agent's namespace. Writes only when the inventory changed.
 */
public final class InventoryStore {
    public static final String PREFIX = "stack-agent-inventory-";
    static final String KEY = "objects";

    private final AgentConfigMaps configMaps;

    public InventoryStore(KubernetesClient client, String namespace) {
        this(client, namespace, ConfigMapCache.NONE);
    }

    /** Reading inventories from {@code cache} where it knows them (the running agent's watch on its ConfigMaps). */
    public InventoryStore(KubernetesClient client, String namespace, ConfigMapCache cache) {
        this.configMaps = new AgentConfigMaps(client, namespace, cache);
    }

    public Inventory read(String stack) {
        return configMaps.read(PREFIX + stack, KEY).map(text -> Inventory.decode(stack, text)).orElseGet(() -> Inventory.empty(stack));
    }

    /** Stacks that have an inventory in the cluster (including stacks since removed from Git). */
    public List<String> stacks() {
        return configMaps.suffixes(PREFIX);
    }

    /**
     * Who holds what in the cluster: each inventoried object's key ({@link dev.stackagent.desired.ObjectRef#key()})
     * and node pool ({@code nodepool/<name>}) to its stack, read with one LIST. Of two stacks claiming one object, its holder keeps it.
     */
    public java.util.Map<String, String> holders() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        configMaps.values(PREFIX, KEY).forEach((stack, text) -> {
            Inventory inventory = Inventory.decode(stack, text);
            inventory.objects().forEach(r -> out.putIfAbsent(r.key(), stack));
            inventory.nodePools().forEach(p -> out.putIfAbsent(dev.stackagent.desired.LoadRules.poolKey(p), stack));
        });
        return out;
    }

    public void write(Inventory previous, Inventory next) {
        if (!previous.objects().equals(next.objects()) || !previous.nodePools().equals(next.nodePools())) {
            configMaps.write(PREFIX + next.stack(), next.stack(), KEY, next.encode());
        }
    }

    public void delete(String stack) {
        configMaps.delete(PREFIX + stack);
    }
}
