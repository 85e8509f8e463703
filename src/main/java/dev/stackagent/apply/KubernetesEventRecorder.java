package dev.stackagent.apply;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.stackagent.desired.ObjectRef;
import dev.stackagent.plan.Ownership;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Writes core/v1 Events; a failure to record one is logged and never fails the sync. */
public final class KubernetesEventRecorder implements EventRecorder {
    private static final Logger LOG = Logger.getLogger(KubernetesEventRecorder.class);

    private final KubernetesClient client;
    private final String fallbackNamespace;
    private final Clock clock;

    public KubernetesEventRecorder(KubernetesClient client, String fallbackNamespace, Clock clock) {
        this.client = client;
        this.fallbackNamespace = fallbackNamespace;
        this.clock = clock;
    }

    @Override
    public void record(String stack, ObjectRef ref, String reason, String message) {
        String ns = ref.namespace() == null ? fallbackNamespace : ref.namespace();
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        try {
            client.v1().events().inNamespace(ns).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(ref.name() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(ns)
                    .addToLabels(Ownership.MANAGED_BY, Ownership.MANAGER)
                    .addToLabels(Ownership.STACK_LABEL, stack)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(ref.apiVersion()).withKind(ref.kind()).withNamespace(ref.namespace()).withName(ref.name())
                    .endInvolvedObject()
                    .withReason(reason)
                    .withMessage(message)
                    .withType("Normal")
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("stack-agent").endSource()
                    .withReportingComponent("stack-agent.dev/agent")
                    .withAction(reason.toLowerCase(Locale.ROOT))
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s: %s", reason, ref, e.getMessage());
        }
    }
}
