package dev.stackagent.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The per-stack records the agent keeps in ConfigMaps of its own namespace (inventories, sleep
 * progress): one value under one key, labelled as the agent's and the stack's.
 */
public final class AgentConfigMaps {
    private final KubernetesClient client;
    private final String namespace;

    public AgentConfigMaps(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public Optional<String> read(String name, String key) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? Optional.empty() : Optional.ofNullable(cm.getData().get(key));
    }

    public void write(String name, String stack, String key, String value) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, stack))
                .endMetadata()
                .withData(Map.of(key, value))
                .build();
        client.configMaps().inNamespace(namespace).resource(cm).createOr(r -> r.update());
    }

    public void delete(String name) {
        client.configMaps().inNamespace(namespace).withName(name).delete();
    }

    /** Names of the agent's ConfigMaps that start with {@code prefix}, without it. */
    public List<String> suffixes(String prefix) {
        return client.configMaps().inNamespace(namespace).withLabel(Ownership.MANAGED_BY, Ownership.MANAGER).list().getItems().stream()
                .map(cm -> cm.getMetadata().getName())
                .filter(n -> n.startsWith(prefix))
                .map(n -> n.substring(prefix.length()))
                .toList();
    }

    /** {@code key} of each of the agent's ConfigMaps that start with {@code prefix}, by name without it (one LIST). */
    public java.util.Map<String, String> values(String prefix, String key) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        client.configMaps().inNamespace(namespace).withLabel(Ownership.MANAGED_BY, Ownership.MANAGER).list().getItems().stream()
                .filter(cm -> cm.getMetadata().getName().startsWith(prefix) && cm.getData() != null && cm.getData().get(key) != null)
                .forEach(cm -> out.put(cm.getMetadata().getName().substring(prefix.length()), cm.getData().get(key)));
        return out;
    }
}
