package dev.stackagent.cli;

import dev.stackagent.gke.NodePools;
import dev.stackagent.policy.Policy;
import dev.stackagent.sync.PreviewParts;
import dev.stackagent.sync.StackPreviewer;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the agent's own read-only preview for the CLI against a kubeconfig: no writer is constructed. */
final class AgentWiring {
    private AgentWiring() {
    }

    static StackPreviewer preview(KubernetesClient client, String agentNamespace, NodePools pools, Policy policy) {
        return new StackPreviewer(PreviewParts.of(client, agentNamespace, pools, policy));
    }
}
