package dev.stackagent.cache;

import java.util.function.BiFunction;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import dev.stackagent.inventory.ConfigMapCache;
import dev.stackagent.live.ObjectCache;
import dev.stackagent.triggers.ManagedObjectWatcher;
import dev.stackagent.triggers.OwnWrites;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Store;

/**
 * The running agent's reads from its watches, as controller-runtime's cached client: the snapshot
 * asks here before reading an object, and only what this cannot answer is read from the API server.
 * <ul>
 * <li>FOUND: the object is in a managed kind's informer store (labelled as the agent's), or it is a
 * Namespace (an unfiltered informer on Namespaces holds them all);
 * <li>ABSENT: a Namespace the Namespace informer does not hold, or any object in such a namespace
 * (nothing exists in a namespace that does not); so a new stack's first sync reads none of its objects;
 * <li>UNKNOWN otherwise: an object outside the label-filtered stores may exist unmanaged (adoption
 * and conflict checks need it), a kind not watched (Secrets), an informer not listed or not watching.
 * </ul>
 * Never older than the agent's own writes: a cached copy of an object the agent is writing, or at a
 * version older than the one it wrote ({@link OwnWrites}), is UNKNOWN; so is a namespace the agent
 * created that the informer does not show yet. A copy older than someone else's write is possible,
 * as with any cache: every patch the applier sends is conditional on the version it was computed on
 * (409, re-read, retried) and a create of an object that exists meanwhile answers 409 and is re-read.
 */
public final class WatchCache implements ObjectCache, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WatchCache.class);

    private final KubernetesClient client;
    private final OwnWrites ownWrites;
    private final AgentConfigMapCache configMaps;
    private volatile SharedIndexInformer<GenericKubernetesResource> namespaces;
    private volatile BiFunction<String, String, Store<GenericKubernetesResource>> managed = (apiVersion, kind) -> null;

    public WatchCache(KubernetesClient client, String agentNamespace, OwnWrites ownWrites) {
        this.client = client;
        this.ownWrites = ownWrites;
        this.configMaps = new AgentConfigMapCache(client, agentNamespace, ownWrites);
    }

    /** Starts the informers on Namespaces and on the agent's ConfigMaps; returns without waiting for their lists. */
    public synchronized void start() {
        if (namespaces != null) return;
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources("v1", "Namespace").runnableInformer(0);
        informer.start().whenComplete((v, e) -> {
            if (e != null) LOG.warnf("watch on Namespaces failed to start (reads go to the API server): %s", e.getMessage());
        });
        namespaces = informer;
        configMaps.start();
    }

    /** Serves managed objects from {@code watcher}'s stores from now on (the watcher is replaced when the managed kinds change). */
    public void use(ManagedObjectWatcher watcher) {
        managed = watcher == null ? (apiVersion, kind) -> null : watcher::store;
    }

    /** Whether the Namespace and ConfigMap informers have listed and are watching (reads of a new stack are then served here). */
    public boolean ready() {
        SharedIndexInformer<GenericKubernetesResource> n = namespaces;
        return n != null && n.hasSynced() && n.isWatching() && configMaps.ready();
    }

    /** The agent's own ConfigMaps (inventories), for {@link dev.stackagent.inventory.InventoryStore}. */
    public ConfigMapCache configMaps() {
        return configMaps;
    }

    @Override
    public Lookup lookup(ObjectRef ref) {
        SharedIndexInformer<GenericKubernetesResource> n = namespaces;
        Store<GenericKubernetesResource> nsStore = n != null && n.hasSynced() && n.isWatching() ? n.getStore() : null;
        if (ref.namespace() == null) {
            if (isNamespace(ref)) return nsStore == null ? Lookup.UNKNOWN : namespace(nsStore, ref.name(), ref);
            return found(managed.apply(ref.apiVersion(), ref.kind()), ref.name(), ref);
        }
        if (nsStore != null && namespace(nsStore, ref.namespace(), null).state() == State.ABSENT) {
            return Lookup.ABSENT; // nothing exists in a namespace that does not
        }
        return found(managed.apply(ref.apiVersion(), ref.kind()), ref.namespace() + "/" + ref.name(), ref);
    }

    private static boolean isNamespace(ObjectRef ref) {
        return "Namespace".equals(ref.kind()) && "v1".equals(ref.apiVersion());
    }

    /** The Namespace {@code name} from the unfiltered store: FOUND (as {@code ref}, if given), ABSENT, or UNKNOWN while the agent's own write may not show. */
    private Lookup namespace(Store<GenericKubernetesResource> store, String name, ObjectRef ref) {
        GenericKubernetesResource ns = store.getByKey(name);
        if (ns == null) {
            return ownWrites.newerThan("Namespace", null, name, null) ? Lookup.UNKNOWN : Lookup.ABSENT;
        }
        if (ref == null) return Lookup.UNKNOWN; // it exists: what is in it is for the other stores to say
        return fresh(ns, ref);
    }

    private Lookup found(Store<GenericKubernetesResource> store, String key, ObjectRef ref) {
        GenericKubernetesResource o = store == null ? null : store.getByKey(key);
        return o == null ? Lookup.UNKNOWN : fresh(o, ref);
    }

    private Lookup fresh(GenericKubernetesResource o, ObjectRef ref) {
        if (ownWrites.newerThan(ref.kind(), ref.namespace(), ref.name(), o.getMetadata().getResourceVersion())) return Lookup.UNKNOWN;
        return Lookup.found(client.getKubernetesSerialization().convertValue(o, ObjectNode.class));
    }

    @Override
    public synchronized void close() {
        if (namespaces != null) namespaces.close();
        namespaces = null;
        configMaps.close();
    }
}
