package dev.stackagent.cli;

import java.time.Clock;

import dev.stackagent.apply.Applier;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.apply.KubernetesWriter;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.live.KubernetesLiveObjects;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.sync.StackSync;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the pipeline for the CLI's read-only use against a kubeconfig. */
final class AgentWiring {
    private AgentWiring() {
    }

    static StackSync preview(KubernetesClient client, String agentNamespace) {
        KubernetesLiveObjects live = new KubernetesLiveObjects(client);
        return new StackSync(live, new SecretCopySource(client), new InventoryStore(client, agentNamespace),
                new Applier(new KubernetesWriter(client), live, EventRecorder.NONE), Clock.systemUTC());
    }
}
