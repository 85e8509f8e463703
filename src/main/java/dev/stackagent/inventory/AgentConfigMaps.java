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
    private final ConfigMapCache cache;

    public AgentConfigMaps(KubernetesClient client, String namespace) {
        this(client, namespace, ConfigMapCache.NONE);
    }

    /** Reading from {@code cache} where it knows the answer, and telling it about every write and delete. */
    public AgentConfigMaps(KubernetesClient client, String namespace, ConfigMapCache cache) {
        this.client = client;
        this.namespace = namespace;
        this.cache = cache;
    }

    public Optional<String> read(String name, String key) {
        ConfigMapCache.Cached cached = cache.get(name);
        ConfigMap cm = cached.known() ? cached.configMap() : client.configMaps().inNamespace(namespace).withName(name).get();
        return cm == null || cm.getData() == null ? Optional.empty() : Optional.ofNullable(cm.getData().get(key));
    }

    public void write(String name, String stack, String key, String value) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, stack))
                .endMetadata()
                .withData(Map.of(key, value))
                .build();
        cache.writing(name);
        ConfigMap written;
        try {
            written = client.configMaps().inNamespace(namespace).resource(cm).createOr(r -> r.update());
        } catch (RuntimeException e) {
            cache.failed(name);
            throw e;
        }
        cache.wrote(name, written == null || written.getMetadata() == null ? null : written.getMetadata().getResourceVersion());
    }

    public void delete(String name) {
        cache.writing(name);
        try {
            client.configMaps().inNamespace(namespace).withName(name).delete();
        } catch (RuntimeException e) {
            cache.failed(name);
            throw e;
        }
        cache.deleted(name);
    }

    /** The agent's ConfigMaps, from the cache when it can answer for all of them, else with one LIST. */
    private List<ConfigMap> all() {
        List<ConfigMap> cached = cache.list();
        return cached != null ? cached
                : client.configMaps().inNamespace(namespace).withLabel(Ownership.MANAGED_BY, Ownership.MANAGER).list().getItems();
    }

    /** Names of the agent's ConfigMaps that start with {@code prefix}, without it. */
    public List<String> suffixes(String prefix) {
        return all().stream()
                .map(cm -> cm.getMetadata().getName())
                .filter(n -> n.startsWith(prefix))
                .map(n -> n.substring(prefix.length()))
                .sorted()
                .toList();
    }

    /** {@code key} of each of the agent's ConfigMaps that start with {@code prefix}, by name without it (one LIST). */
    public java.util.Map<String, String> values(String prefix, String key) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        all().stream()
                .filter(cm -> cm.getMetadata().getName().startsWith(prefix) && cm.getData() != null && cm.getData().get(key) != null)
                .forEach(cm -> out.put(cm.getMetadata().getName().substring(prefix.length()), cm.getData().get(key)));
        return out;
    }
}
