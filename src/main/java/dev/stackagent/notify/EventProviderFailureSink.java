package dev.stackagent.notify;

import java.time.Clock;

import org.jboss.logging.Logger;

import dev.stackagent.notify.delivery.ProviderFailureSink;
import dev.stackagent.crd.StackEvent;
import dev.stackagent.crd.StackEventRecorder;
import dev.stackagent.crd.StackResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Logs a provider that keeps failing and records a Warning Event ({@code NotificationsFailing}) on the
 * Stack resource the last delivery was about ({@code stack-agent.dev/v1alpha1} Stack in the agent's
 * namespace), so {@code kubectl describe stack} shows that its commit statuses or alerts stopped.
 */
public final class EventProviderFailureSink implements ProviderFailureSink {
    private static final Logger LOG = Logger.getLogger(EventProviderFailureSink.class);
    public static final String REASON = "NotificationsFailing";

    private final KubernetesClient client;
    private final String namespace;
    private final StackEventRecorder events;

    public EventProviderFailureSink(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.events = client == null ? null : new StackEventRecorder(client, namespace, clock);
    }

    @Override
    public void providerFailing(String provider, String stack, int consecutiveFailures, String lastError) {
        String message = consecutiveFailures + " notifications to " + provider + " failed in a row; last: " + lastError;
        LOG.warnf("%s%s", stack == null ? "" : "stack " + stack + ": ", message);
        if (stack == null || client == null) {
            return;
        }
        try {
            StackResource live = client.resources(StackResource.class).inNamespace(namespace).withName(stack).get();
            events.record(live, stack, new StackEvent(StackEvent.WARNING, REASON, message)); // deduplicated: a repeat bumps its count
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on Stack %s: %s", REASON, stack, e.getMessage());
        }
    }
}
