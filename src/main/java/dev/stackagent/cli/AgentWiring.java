package dev.stackagent.cli;

import java.time.Clock;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.gke.NodePools;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.policy.Policy;
import dev.stackagent.sync.StackSync;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Builds the pipeline for the CLI's read-only use against a kubeconfig. */
final class AgentWiring {
    private AgentWiring() {
    }

    static StackSync preview(KubernetesClient client, String agentNamespace, NodePools pools, Policy policy) {
        StackSync.Parts parts = StackSync.Parts.of(client, agentNamespace, pools, EventRecorder.NONE)
                .withPolicy(policy, new SecretCopySource(client, policy, agentNamespace));
        return new StackSync(parts, Clock.systemUTC());
    }
}
