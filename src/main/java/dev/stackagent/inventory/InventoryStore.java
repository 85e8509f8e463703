package dev.stackagent.inventory;

import java.util.List;
import java.util.Map;

import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Keeps each stack's {@link Inventory} in a ConfigMap {@code stack-agent-inventory-<stack>} in the
 * agent's namespace. Writes only when the inventory changed.
 */
public final class InventoryStore {
    public static final String PREFIX = "stack-agent-inventory-";
    static final String KEY = "objects";

    private final KubernetesClient client;
    private final String namespace;

    public InventoryStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public Inventory read(String stack) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(PREFIX + stack).get();
        return cm == null || cm.getData() == null ? Inventory.empty(stack) : Inventory.decode(stack, cm.getData().get(KEY));
    }

    /** Stacks that have an inventory in the cluster (including stacks since removed from Git). */
    public List<String> stacks() {
        return client.configMaps().inNamespace(namespace).withLabel(Ownership.MANAGED_BY, Ownership.MANAGER).list().getItems().stream()
                .map(cm -> cm.getMetadata().getName())
                .filter(n -> n.startsWith(PREFIX))
                .map(n -> n.substring(PREFIX.length()))
                .toList();
    }

    public void write(Inventory previous, Inventory next) {
        if (previous.objects().equals(next.objects())) {
            return;
        }
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata().withName(PREFIX + next.stack()).withNamespace(namespace)
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, next.stack()))
                .endMetadata()
                .withData(Map.of(KEY, next.encode()))
                .build();
        client.configMaps().inNamespace(namespace).resource(cm).createOr(r -> r.update());
    }

    public void delete(String stack) {
        client.configMaps().inNamespace(namespace).withName(PREFIX + stack).delete();
    }
}
