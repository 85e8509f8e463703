package dev.stackagent.notify;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.stackagent.notify.delivery.ProviderFailureSink;
import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.EventBuilder;
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
    private final Clock clock;

    public EventProviderFailureSink(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    @Override
    public void providerFailing(String provider, String stack, int consecutiveFailures, String lastError) {
        String message = consecutiveFailures + " notifications to " + provider + " failed in a row; last: " + lastError;
        LOG.warnf("%s%s", stack == null ? "" : "stack " + stack + ": ", message);
        if (stack == null || client == null) {
            return;
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(stack + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(namespace)
                    .addToLabels(Ownership.MANAGED_BY, Ownership.MANAGER)
                    .addToLabels(Ownership.STACK_LABEL, stack)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion("stack-agent.dev/v1alpha1").withKind("Stack").withNamespace(namespace).withName(stack)
                    .endInvolvedObject()
                    .withReason(REASON)
                    .withMessage(message)
                    .withType("Warning")
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("stack-agent").endSource()
                    .withReportingComponent("stack-agent.dev/agent")
                    .withAction("notify")
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on Stack %s: %s", REASON, stack, e.getMessage());
        }
    }
}
