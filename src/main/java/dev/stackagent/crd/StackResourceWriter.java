package dev.stackagent.crd;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.Stack;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.report.SyncListener;
import dev.stackagent.report.SyncResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/**
 * Keeps one {@code Stack} resource per reconciled stack in the agent's namespace: creates it when
 * missing, writes only its status (the status subresource, as a JSON Patch) and only when the
 * status changed in more than {@code lastSyncTime} — so an idle stack costs one read per sync and
 * no write — and deletes it when the stack leaves Git. Records the sync's Events on it (see
 * {@link StackTransitions}; deduplicated by {@link StackEventRecorder}), and a {@code ValidationFailed}
 * Event when a revision of the stack is rejected, which keeps the status Failed and Stalled until a
 * valid revision arrives. Failures are logged, never thrown: the status is a window, not part of the sync.
 */
public final class StackResourceWriter implements SyncListener {
    private static final Logger LOG = Logger.getLogger(StackResourceWriter.class);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private final String namespace;
    private final String repoUrl;
    private final StackHealthLookup health;
    private final StackEventRecorder events;
    /** Stacks whose newest revision was rejected. */
    private final Map<String, StackRejection> rejected = new ConcurrentHashMap<>();
    /** The last sync of each stack, to write its status again when a rejection comes or goes. */
    private final Map<String, LastSync> last = new ConcurrentHashMap<>();

    /** {@link #written}'s value for a resource this writer deleted. */
    private static final String DELETED = "";

    /** The resourceVersion of each Stack resource as this writer last wrote it ({@link #DELETED} once it deleted it). */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private volatile StackLookup lookup = StackLookup.NONE;

    private record LastSync(Stack stack, SyncResult result) {
    }

    /**
     * Reads the Stack resources from {@code lookup} (the agent's informer on them) instead of a GET per
     * sync, whenever its copy is the one this writer last wrote (same resourceVersion) or this writer
     * has not written it since it started; otherwise (a write the informer has not seen yet, an
     * annotation someone added) it reads the API server as before.
     */
    public void readFrom(StackLookup lookup) {
        this.lookup = lookup == null ? StackLookup.NONE : lookup;
    }

    public StackResourceWriter(KubernetesClient client, String namespace, String repoUrl, StackHealthLookup health) {
        this(client, namespace, repoUrl, health, new StackEventRecorder(client, namespace, Clock.systemUTC()));
    }

    public StackResourceWriter(KubernetesClient client, String namespace, String repoUrl, StackHealthLookup health,
            StackEventRecorder events) {
        this.client = client;
        this.namespace = namespace;
        this.repoUrl = repoUrl;
        this.health = health;
        this.events = events;
    }

    @Override
    public void synced(Stack stack, SyncResult result) {
        try {
            if (stack == null) {
                last.remove(result.stack());
                rejected.remove(result.stack());
                written.put(result.stack(), DELETED); // the informer may still show it: read until this writer creates it again
                stacks().withName(result.stack()).delete();
            } else {
                last.put(stack.name(), new LastSync(stack, result));
                write(stack, result, true);
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot write Stack resource %s/%s: %s", namespace, result.stack(), e.getMessage());
        }
    }

    /**
     * A rejected revision: a ValidationFailed Event naming each error's file:line, and the status
     * written again (Failed, Stalled) when the stack was synced before; a valid one clears that.
     */
    @Override
    public void revisionLoaded(String stack, String revision, List<ValidationError> errors) {
        try {
            LastSync previous = last.get(stack);
            if (errors.isEmpty()) {
                if (rejected.remove(stack) != null && previous != null) {
                    write(previous.stack(), previous.result(), false);
                }
                return;
            }
            StackRejection rejection = new StackRejection(revision, errors);
            rejected.put(stack, rejection);
            StackResource live = current(stack);
            events.record(live, stack, StackEvent.warning("ValidationFailed",
                    rejection.message(previous != null ? previous.result().revision() : live == null || live.getStatus() == null
                            ? null : live.getStatus().getRevision())));
            if (previous != null && live != null) {
                write(previous.stack(), previous.result(), false);
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot record the rejection of %s on its Stack resource: %s", stack, e.getMessage());
        }
    }

    /** Creates or updates the resource and writes its status; {@code events}: record the sync's Events (not when writing it again). */
    private void write(Stack stack, SyncResult result, boolean events) {
        StackSpec spec = new StackSpec(repoUrl, stack.dir().replaceAll("/+$", ""),
                stack.config().cluster() == null ? null : stack.config().cluster().toString());
        StackResource live = current(stack.name());
        if (live == null) {
            StackResource created = new StackResource();
            created.setMetadata(new ObjectMetaBuilder().withName(stack.name()).withNamespace(namespace)
                    .withLabels(Map.of(MANAGED_BY, "stack-agent")).build());
            created.setSpec(spec);
            live = create(created); // or the one created meanwhile, whose spec is compared below
        }
        if (!Objects.equals(tree(live.getSpec()), tree(spec))) {
            live = remember(stacks().resource(live).edit(r -> {
                r.setSpec(spec);
                return r;
            }));
        }
        StackResourceStatus next = StackStatusMapper.next(stack, result, rejected.get(stack.name()),
                result.health() != null ? Optional.of(result.health().health()) : health.health(stack.name()), live.getStatus(),
                live.getMetadata().getGeneration());
        for (StackEvent e : events ? StackTransitions.events(result, live.getStatus(), next) : List.<StackEvent>of()) {
            this.events.record(live, stack.name(), e);
        }
        if (sameIgnoringSyncTime(live.getStatus(), next)) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("stack %s: status fields changed: %s", stack.name(), changedFields(live.getStatus(), next));
        }
        remember(stacks().resource(live).editStatus(r -> {
            r.setStatus(next);
            return r;
        }));
    }

    /**
     * The live resource: the informer's copy when it is known to be current (a copy, never the shared object);
     * null without a request when the listed and watching informer holds none and this writer has not written it
     * since it started (so a new stack's resource is created without a GET first); else a GET.
     */
    private StackResource current(String name) {
        StackLookup.Answer cached = lookup.lookup(name);
        String mine = written.get(name);
        switch (cached.state()) {
            case ABSENT -> {
                if (mine == null) return null; // else this writer's own create or delete may not show yet: read
            }
            case FOUND -> {
                if (mine == null || mine.equals(cached.resource().getMetadata().getResourceVersion())) {
                    return client.getKubernetesSerialization().clone(cached.resource());
                }
            }
            case UNKNOWN -> {
            }
        }
        return stacks().withName(name).get();
    }

    /** Creates the resource; one created meanwhile (by {@code stack-agent} verbs, or before the informer showed it) is read instead. */
    private StackResource create(StackResource created) {
        try {
            return remember(stacks().resource(created).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            StackResource existing = stacks().withName(created.getMetadata().getName()).get();
            if (existing == null) throw e;
            return remember(existing);
        }
    }

    private StackResource remember(StackResource r) {
        if (r != null && r.getMetadata() != null && r.getMetadata().getResourceVersion() != null) {
            written.put(r.getMetadata().getName(), r.getMetadata().getResourceVersion());
        }
        return r;
    }

    /** The names of the status fields (and condition types) that differ: for the debug log, never their values. */
    private List<String> changedFields(StackResourceStatus current, StackResourceStatus next) {
        JsonNode a = current == null ? client.getKubernetesSerialization().convertValue(new StackResourceStatus(), JsonNode.class) : tree(current);
        JsonNode b = tree(next);
        List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (n.equals("conditions")) {
                for (JsonNode c : b.path(n)) {
                    JsonNode before = null;
                    for (JsonNode o : a.path(n)) {
                        if (o.path("type").equals(c.path("type"))) before = o;
                    }
                    if (!c.equals(before)) out.add("conditions[" + c.path("type").asText() + "]");
                }
            } else if (!n.equals("lastSyncTime") && !a.path(n).equals(b.path(n))) {
                out.add(n);
            }
        }
        return out;
    }

    /** What alone is not worth a write: the time of the sync, and the commit when nothing else changed (a commit that did not touch the stack). */
    static final List<String> NOT_WORTH_A_WRITE = List.of("lastSyncTime", "revision", "shortRevision");

    /**
     * Equal in everything but {@link #NOT_WORTH_A_WRITE}: an idle stack costs no write, neither at each resync nor
     * at each commit that leaves it as it is, nor when a restarted agent first syncs it at a newer commit.
     */
    boolean sameIgnoringSyncTime(StackResourceStatus current, StackResourceStatus next) {
        if (current == null) {
            return false;
        }
        ObjectNode a = (ObjectNode) tree(current);
        ObjectNode b = (ObjectNode) tree(next);
        a.remove(NOT_WORTH_A_WRITE);
        b.remove(NOT_WORTH_A_WRITE);
        return a.equals(b);
    }

    private JsonNode tree(Object o) {
        return client.getKubernetesSerialization().convertValue(o, JsonNode.class);
    }

    private NonNamespaceOperation<StackResource, KubernetesResourceList<StackResource>, Resource<StackResource>> stacks() {
        return client.resources(StackResource.class).inNamespace(namespace);
    }
}
