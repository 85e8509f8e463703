package dev.stackagent.sync;

import java.util.Map;

import dev.stackagent.plan.Ownership;
import dev.stackagent.schedule.TransitionProgress;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Keeps each stack's sleep/wake progress in a ConfigMap {@code stack-agent-sleep-<stack>} in the
 * agent's namespace, so a restarted agent resumes a transition at the same step with the same
 * deadline. Written before the step's action is taken.
 */
public final class SleepProgressStore {
    public static final String PREFIX = "stack-agent-sleep-";
    static final String KEY = "progress";

    private final KubernetesClient client;
    private final String namespace;

    public SleepProgressStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The stored progress, or null when none was stored (first start). */
    public TransitionProgress read(String stack) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(PREFIX + stack).get();
        if (cm == null || cm.getData() == null) {
            return null;
        }
        try {
            return TransitionProgress.fromJson(cm.getData().get(KEY));
        } catch (IllegalArgumentException e) {
            return null; // unreadable: start over from what the cluster shows, in order
        }
    }

    public void write(String stack, TransitionProgress progress) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata().withName(PREFIX + stack).withNamespace(namespace)
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, stack))
                .endMetadata()
                .withData(Map.of(KEY, progress.toJson()))
                .build();
        client.configMaps().inNamespace(namespace).resource(cm).createOr(r -> r.update());
    }

    public void delete(String stack) {
        client.configMaps().inNamespace(namespace).withName(PREFIX + stack).delete();
    }
}
