package dev.stackagent.triggers;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Labels this pod {@code stack-agent.dev/role=leader} while it leads, so a Service selecting that
 * label sends webhooks to the leader (a push received by a follower would otherwise wait for the
 * next full resync). Hook {@link #mark()} and {@link #unmark()} to {@link Leadership}'s callbacks.
 * Needs {@code patch} on its own pod; without a pod name (outside Kubernetes) it does nothing. The
 * pod name comes from configuration ({@code stack-agent.pod-name}, see {@code AgentConfig}).
 */
public final class LeaderPodLabel {
    public static final String ROLE_LABEL = "stack-agent.dev/role";
    public static final String LEADER = "leader";

    private static final Logger LOG = Logger.getLogger(LeaderPodLabel.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Optional<String> podName;

    public LeaderPodLabel(KubernetesClient client, String namespace, Optional<String> podName) {
        this.client = client;
        this.namespace = namespace;
        this.podName = podName.filter(s -> !s.isBlank());
    }

    public void mark() {
        relabel(true);
    }

    public void unmark() {
        relabel(false);
    }

    private void relabel(boolean leader) {
        if (podName.isEmpty()) return;
        try {
            client.pods().inNamespace(namespace).withName(podName.get()).edit(pod -> {
                if (leader) pod.getMetadata().getLabels().put(ROLE_LABEL, LEADER);
                else pod.getMetadata().getLabels().remove(ROLE_LABEL);
                return pod;
            });
        } catch (KubernetesClientException e) {
            LOG.warnf("could not %s label %s on pod %s: %s", leader ? "set" : "remove", ROLE_LABEL, podName.get(), e.getMessage());
        }
    }
}
