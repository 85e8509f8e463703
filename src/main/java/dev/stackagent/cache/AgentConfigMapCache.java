package dev.stackagent.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stackagent.inventory.ConfigMapCache;
import dev.stackagent.plan.Ownership;
import dev.stackagent.triggers.OwnWrites;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * An informer on the agent's own ConfigMaps (label {@code app.kubernetes.io/managed-by=stack-agent}
 * in its namespace: inventories, sleep progress). It answers only once listed and watching, and,
 * for a ConfigMap the agent wrote or deleted itself, only once the watch shows that write (the
 * version written or newer, or the ConfigMap gone); until then the caller reads it. Every such write is
 * also told to {@link OwnWrites}: these ConfigMaps carry the stack's label, so without it the watch on
 * managed ConfigMaps would take the agent's own inventory write for a change and sync the stack again
 * (a second sync of every new stack half a second after its first, found counting the requests of a
 * first sync). Thread-safe.
 */
final class AgentConfigMapCache implements ConfigMapCache {
    /** A write or delete in flight, or one whose outcome is not known: read until a later write says otherwise. */
    private static final String WRITING = "";
    private static final String DELETED = "-";

    private static final String KIND = "ConfigMap";

    private final KubernetesClient client;
    private final String namespace;
    private final OwnWrites ownWrites;
    // guarded by this: ConfigMap name -> version the agent wrote, WRITING or DELETED
    private final Map<String, String> own = new HashMap<>();
    private volatile SharedIndexInformer<ConfigMap> informer;

    AgentConfigMapCache(KubernetesClient client, String namespace, OwnWrites ownWrites) {
        this.client = client;
        this.namespace = namespace;
        this.ownWrites = ownWrites;
    }

    synchronized void start() {
        if (informer != null) return;
        informer = client.configMaps().inNamespace(namespace).withLabel(Ownership.MANAGED_BY, Ownership.MANAGER).runnableInformer(0);
        informer.start();
    }

    synchronized void close() {
        if (informer != null) informer.close();
        informer = null;
    }

    boolean ready() {
        SharedIndexInformer<ConfigMap> i = informer;
        return i != null && i.hasSynced() && i.isWatching();
    }

    @Override
    public Cached get(String name) {
        SharedIndexInformer<ConfigMap> i = informer;
        if (!ready()) return Cached.UNKNOWN;
        ConfigMap cm = i.getStore().getByKey(namespace + "/" + name);
        return current(name, cm) ? new Cached(true, cm) : Cached.UNKNOWN;
    }

    @Override
    public List<ConfigMap> list() {
        SharedIndexInformer<ConfigMap> i = informer;
        if (!ready()) return null;
        List<ConfigMap> all = new ArrayList<>(i.getStore().list());
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(own.keySet());
        }
        for (String name : names) {
            if (!current(name, i.getStore().getByKey(namespace + "/" + name))) return null;
        }
        return all;
    }

    /** Whether {@code cached} (null: not in the store) shows the agent's last write of {@code name}; forgets the write once it does. */
    private synchronized boolean current(String name, ConfigMap cached) {
        String written = own.get(name);
        if (written == null) return true;
        boolean shows = DELETED.equals(written) ? cached == null
                : !WRITING.equals(written) && cached != null && OwnWrites.covers(cached.getMetadata().getResourceVersion(), written);
        if (shows) own.remove(name);
        return shows;
    }

    @Override
    public void writing(String name) {
        synchronized (this) {
            own.put(name, WRITING);
        }
        ownWrites.begin(KIND, namespace, name);
    }

    @Override
    public void wrote(String name, String resourceVersion) {
        synchronized (this) {
            own.put(name, resourceVersion == null ? WRITING : resourceVersion);
        }
        if (resourceVersion == null) {
            ownWrites.abort(KIND, namespace, name);
        } else {
            ownWrites.record(KIND, namespace, name, resourceVersion);
        }
    }

    @Override
    public void deleted(String name) {
        synchronized (this) {
            own.put(name, DELETED);
        }
        ownWrites.abort(KIND, namespace, name); // ends the write; a delete has no version, and the watch reports deletes anyway
    }

    @Override
    public void failed(String name) {
        ownWrites.abort(KIND, namespace, name); // stays WRITING here: read until a later write says otherwise
    }
}
