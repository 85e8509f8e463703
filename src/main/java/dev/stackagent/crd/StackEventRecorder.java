package dev.stackagent.crd;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes core/v1 Events on Stack resources, deduplicated as client-go's {@code EventCorrelator}
 * does: the same (stack, reason, message) again bumps {@code count} and {@code lastTimestamp} of
 * the Event already written, with one JSON merge PATCH, instead of creating another — so a stuck
 * stack retrying every minute shows one Event with a growing count. The cache of Events written is
 * in memory and bounded (least recently used out); after a restart, or once an Event was evicted or
 * expired (the API server keeps Events for an hour), the next occurrence creates a new Event.
 * Failures are logged at debug and never thrown: Events are a window, not part of the sync.
 */
public class StackEventRecorder {
    private static final Logger LOG = Logger.getLogger(StackEventRecorder.class);
    public static final String COMPONENT = "stack-agent";
    static final int DEFAULT_CACHE_SIZE = 4096;

    /** Records nothing (for tools that sync without a cluster-side window). */
    public static final StackEventRecorder NONE = new StackEventRecorder(null, null, Clock.systemUTC(), 1) {
        @Override
        public void record(StackResource stack, String name, StackEvent event) {
        }
    };

    /** Makes Event names unique within a millisecond (client-go names them {@code <object>.<unix nanos in hex>}). */
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;
    private final Map<Key, Written> written;

    public StackEventRecorder(KubernetesClient client, String namespace, Clock clock) {
        this(client, namespace, clock, DEFAULT_CACHE_SIZE);
    }

    StackEventRecorder(KubernetesClient client, String namespace, Clock clock, int cacheSize) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
        this.written = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Written> eldest) {
                return size() > cacheSize;
            }
        };
    }

    private record Key(String stack, String type, String reason, String message) {
    }

    private record Written(String name, int count) {
    }

    /**
     * Records {@code event} on the Stack {@code name}; {@code stack} is its live resource (for its uid,
     * which {@code kubectl describe} matches Events by), or null when it does not exist.
     */
    public void record(StackResource stack, String name, StackEvent event) {
        Key key = new Key(name, event.type(), event.reason(), event.message());
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        Written seen;
        synchronized (written) {
            seen = written.get(key);
        }
        try {
            if (seen != null && bump(seen, now)) {
                remember(key, new Written(seen.name(), seen.count() + 1));
                return;
            }
            String eventName = name + "." + Long.toHexString(clock.millis() * 1_000_000L + SEQUENCE.incrementAndGet() % 1_000_000L);
            client.v1().events().inNamespace(namespace).resource(event(stack, name, eventName, event, now)).create();
            remember(key, new Written(eventName, 1));
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on Stack %s/%s: %s", event.reason(), namespace, name, e.getMessage());
        }
    }

    /** One PATCH of the Event already written; false when it is gone (expired or deleted). */
    private boolean bump(Written seen, String now) {
        try {
            Event target = new EventBuilder().withNewMetadata().withName(seen.name()).withNamespace(namespace).endMetadata().build();
            Event patched = client.v1().events().inNamespace(namespace).resource(target) // with the item given, no GET first
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":" + (seen.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
            return patched != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void remember(Key key, Written w) {
        synchronized (written) {
            written.put(key, w);
        }
    }

    private Event event(StackResource stack, String name, String eventName, StackEvent event, String now) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(eventName)
                .withNamespace(namespace)
                .addToLabels(Ownership.MANAGED_BY, Ownership.MANAGER)
                .addToLabels(Ownership.STACK_LABEL, name)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(StackResource.GROUP + "/" + StackResource.VERSION).withKind("Stack")
                .withNamespace(namespace).withName(name)
                .withUid(stack == null ? null : stack.getMetadata().getUid())
                .withResourceVersion(stack == null ? null : stack.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(event.type())
                .withReason(event.reason())
                .withMessage(event.message())
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent("stack-agent.dev/agent")
                .build();
    }
}
