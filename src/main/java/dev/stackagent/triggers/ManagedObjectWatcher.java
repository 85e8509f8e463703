package dev.stackagent.triggers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Store;

/**
 * Informers on every kind the agent manages, limited to objects labelled
 * {@code app.kubernetes.io/managed-by=stack-agent}. Each add, change or delete is mapped to its stack
 * (label {@code stack-agent.dev/stack}) and reported to the listener. Skipped: periodic informer
 * resyncs (same resource version), objects without a stack label, and adds and changes the agent made
 * itself: an event on an object the agent is writing is held until that write ends, then dropped if
 * it is the write's echo (see {@link OwnWrites}). The initial list reports every stack once (objects
 * still at a version the agent wrote excepted), which amounts to a start-up sync.
 */
public final class ManagedObjectWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ManagedObjectWatcher.class);

    private final KubernetesClient client;
    private final List<WatchedKind> kinds;
    private final StackChangeListener listener;
    private final OwnWrites ownWrites;
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();

    public ManagedObjectWatcher(KubernetesClient client, List<WatchedKind> kinds, StackChangeListener listener,
            OwnWrites ownWrites) {
        this.client = client;
        this.kinds = List.copyOf(kinds);
        this.listener = listener;
        this.ownWrites = ownWrites;
    }

    /** Starts one informer per kind, in all namespaces; returns without waiting for the initial lists. */
    public synchronized void start() {
        if (!informers.isEmpty()) return;
        for (WatchedKind kind : kinds) {
            SharedIndexInformer<GenericKubernetesResource> informer = client
                    .genericKubernetesResources(kind.apiVersion(), kind.kind())
                    .inAnyNamespace()
                    .withLabel(Ownership.MANAGED_BY, Ownership.MANAGER)
                    .runnableInformer(0);
            informer.addEventHandler(new Handler(kind));
            informer.start().whenComplete((v, e) -> {
                if (e != null && running(informer)) LOG.warnf("watch on %s failed to start: %s", kind, e.getMessage());
            });
            informers.add(informer);
        }
        LOG.infof("watching %d managed kind(s)", kinds.size());
    }

    private synchronized boolean running(SharedIndexInformer<GenericKubernetesResource> informer) {
        return informers.contains(informer);
    }

    /**
     * The store of the informer on {@code apiVersion kind}, or null when that kind is not watched or
     * its informer has not listed yet or is not watching (a cache that may miss events is not used).
     * It holds only the objects labelled as the agent's.
     */
    public synchronized Store<GenericKubernetesResource> store(String apiVersion, String kind) {
        int i = kinds.indexOf(new WatchedKind(apiVersion, kind));
        if (i < 0 || i >= informers.size()) return null;
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(i);
        return informer.hasSynced() && informer.isWatching() ? informer.getStore() : null;
    }

    /** Whether every informer has its initial list. */
    public synchronized boolean synced() {
        return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Whether every informer has its watch open (events flow). */
    public synchronized boolean watching() {
        return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::isWatching);
    }

    @Override
    public synchronized void close() {
        List<SharedIndexInformer<GenericKubernetesResource>> stopping = new ArrayList<>(informers);
        informers.clear();
        stopping.forEach(SharedIndexInformer::close);
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        private final WatchedKind kind;

        Handler(WatchedKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource obj) {
            unlessOwn(obj);
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            String before = oldObj.getMetadata().getResourceVersion();
            String after = newObj.getMetadata().getResourceVersion();
            if (Objects.equals(before, after)) return;
            unlessOwn(newObj);
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            report(obj);
        }

        /** Reports the event now, once the agent's write in flight on the object ends, or never if it is that write's echo. */
        private void unlessOwn(GenericKubernetesResource obj) {
            ObjectMeta m = obj.getMetadata();
            ownWrites.observe(kind.kind(), m.getNamespace(), m.getName(), m.getResourceVersion(), () -> report(obj));
        }

        private void report(GenericKubernetesResource obj) {
            ObjectMeta m = obj.getMetadata();
            String stack = m.getLabels() == null ? null : m.getLabels().get(Ownership.STACK_LABEL);
            if (stack == null || stack.isBlank()) return;
            LOG.debugf("managed %s %s/%s changed -> stack %s", kind.kind(), m.getNamespace(), m.getName(), stack);
            listener.changed(stack);
        }
    }
}
