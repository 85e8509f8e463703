package dev.stackagent.cli;

import java.time.Clock;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.gke.NodePools;
import dev.stackagent.sync.StackSync;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the pipeline for the CLI's read-only use against a kubeconfig. */
final class AgentWiring {
    private AgentWiring() {
    }

    static StackSync preview(KubernetesClient client, String agentNamespace, NodePools pools) {
        return new StackSync(StackSync.Parts.of(client, agentNamespace, pools, EventRecorder.NONE), Clock.systemUTC());
    }
}
