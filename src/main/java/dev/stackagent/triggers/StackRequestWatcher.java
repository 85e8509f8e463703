package dev.stackagent.triggers;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import dev.stackagent.crd.StackLookup;
import dev.stackagent.crd.StackResource;
import dev.stackagent.report.ClusterRequests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * An informer on the {@code Stack} resources in the agent's namespace: when the annotations on-call acts through
 * ({@link StackAnnotations}) change, the stack is reported at once (the agent syncs it within about a second); the
 * agent's own status writes change no annotation and are not reported. {@link #requests(String)} answers what a stack's
 * annotations ask now, from the informer's cache (no request to the API server per sync).
 */
public final class StackRequestWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StackRequestWatcher.class);

    private final KubernetesClient client;
    private final String namespace;
    private final StackChangeListener listener;
    private final Clock clock;
    private final Supplier<Duration> maxOverride;
    private SharedIndexInformer<StackResource> informer;

    /** {@code maxOverride}: the policy's bound on a schedule override, read at each use. */
    public StackRequestWatcher(KubernetesClient client, String namespace, StackChangeListener listener, Clock clock,
            Supplier<Duration> maxOverride) {
        this.client = client;
        this.namespace = namespace;
        this.listener = listener;
        this.clock = clock;
        this.maxOverride = maxOverride;
    }

    /** Starts the informer; returns without waiting for its initial list. */
    public synchronized void start() {
        if (informer != null) return;
        informer = client.resources(StackResource.class).inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StackResource obj) {
                if (!requested(obj).isEmpty()) report(obj);
            }

            @Override
            public void onUpdate(StackResource oldObj, StackResource newObj) {
                if (!requested(oldObj).equals(requested(newObj))) report(newObj);
            }

            @Override
            public void onDelete(StackResource obj, boolean deletedFinalStateUnknown) {
                // the agent deletes a Stack resource only when its stack left Git: nothing to act on
            }
        });
        SharedIndexInformer<StackResource> started = informer;
        informer.start().whenComplete((v, e) -> {
            if (e != null && running(started)) LOG.warnf("watch on Stack resources in %s failed to start: %s", namespace, e.getMessage());
        });
        LOG.infof("watching Stack resources in %s for reconcile, suspend and schedule override requests", namespace);
    }

    private synchronized boolean running(SharedIndexInformer<StackResource> i) {
        return informer == i;
    }

    /** Whether the informer has its initial list. */
    public synchronized boolean synced() {
        return informer != null && informer.hasSynced();
    }

    /** What the annotations on {@code stack}'s resource ask now; {@link ClusterRequests#NONE} when there is none (yet). */
    public ClusterRequests requests(String stack) {
        StackResource r = copy(stack);
        return r == null ? ClusterRequests.NONE : StackAnnotations.read(r.getMetadata().getAnnotations(), clock.instant(), maxOverride.get());
    }

    /** Whether {@code stack} has a reconcile request the agent has not handled yet (no {@code lastHandledReconcileAt} for it). */
    public boolean reconcilePending(String stack) {
        StackResource r = copy(stack);
        if (r == null) return false;
        String requested = StackAnnotations.read(r.getMetadata().getAnnotations(), clock.instant(), maxOverride.get()).reconcileRequestedAt();
        String handled = r.getStatus() == null ? null : r.getStatus().getLastHandledReconcileAt();
        return requested != null && !requested.equals(handled);
    }

    /**
     * What the informer knows of {@code stack}'s resource: FOUND with its copy (shared: callers must not change it),
     * ABSENT when it has listed, is watching and holds none, UNKNOWN when it cannot say (not started, not listed, not
     * watching). The {@link StackLookup} of the writer of the resources' status ({@code crd.StackResourceWriter}), which
     * then creates a new stack's resource without a GET first.
     */
    public synchronized StackLookup.Answer lookup(String stack) {
        if (informer == null) return StackLookup.Answer.UNKNOWN;
        StackResource r = informer.getStore().getByKey(namespace + "/" + stack);
        if (r != null) return StackLookup.Answer.found(r);
        return informer.hasSynced() && informer.isWatching() ? StackLookup.Answer.ABSENT : StackLookup.Answer.UNKNOWN;
    }

    /** The informer's copy, or null when it holds none or cannot say. */
    private StackResource copy(String stack) {
        return lookup(stack).resource();
    }

    private static Map<String, String> requested(StackResource r) {
        Map<String, String> a = r.getMetadata().getAnnotations();
        if (a == null) return Map.of();
        Map<String, String> out = new java.util.TreeMap<>();
        a.forEach((k, v) -> {
            if (StackAnnotations.ALL.contains(k)) out.put(k, v);
        });
        return out;
    }

    private void report(StackResource r) {
        String stack = r.getMetadata().getName();
        if (Objects.isNull(stack)) return;
        LOG.infof("stack %s: request through the cluster %s", stack, requested(r));
        listener.changed(stack);
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
