package dev.stackagent.sync;

import dev.stackagent.inventory.AgentConfigMaps;
import dev.stackagent.inventory.ConfigMapCache;
import dev.stackagent.schedule.TransitionProgress;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Keeps each stack's sleep/wake progress in a ConfigMap {@code stack-agent-sleep-<stack>} in the
 * agent's namespace, so a restarted agent resumes a transition at the same step with the same
 * deadline. Written before the step's action is taken.
 */
public final class SleepProgressStore {
    public static final String PREFIX = "stack-agent-sleep-";
    static final String KEY = "progress";

    private final AgentConfigMaps configMaps;

    public SleepProgressStore(KubernetesClient client, String namespace) {
        this(client, namespace, ConfigMapCache.NONE);
    }

    /**
     * Reading through {@code cache} where it knows the answer (the running agent's informer on its ConfigMaps), and
     * telling it about every write: the ConfigMap carries the stack's label, so the watch on managed ConfigMaps
     * would otherwise take the agent's own write for a change and sync the stack again.
     */
    public SleepProgressStore(KubernetesClient client, String namespace, ConfigMapCache cache) {
        this.configMaps = new AgentConfigMaps(client, namespace, cache);
    }

    /** The stored progress, or null when none was stored (first start) or it cannot be read (start over, in order). */
    public TransitionProgress read(String stack) {
        try {
            return configMaps.read(PREFIX + stack, KEY).map(TransitionProgress::fromJson).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public void write(String stack, TransitionProgress progress) {
        configMaps.write(PREFIX + stack, stack, KEY, progress.toJson());
    }

    public void delete(String stack) {
        configMaps.delete(PREFIX + stack);
    }
}
