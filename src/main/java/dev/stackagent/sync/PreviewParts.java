package dev.stackagent.sync;

import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.live.KubernetesLiveObjects;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.live.SnapshotReader;
import dev.stackagent.policy.Policy;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The read-only edges of a {@link StackPreviewer}: the one read of a sync, the node pools (read and
 * compared, never changed), the sleep progress (read) and the policy. {@code plan} builds only these:
 * the CLI never constructs a writer.
 */
public record PreviewParts(SnapshotReader reader, NodePools pools, SleepProgressStore sleepProgress, Policy policy) {

    /** Reading one Kubernetes cluster; inventories and sleep progress in {@code agentNamespace}. */
    public static PreviewParts of(KubernetesClient client, String agentNamespace, NodePools pools, Policy policy) {
        SnapshotReader reader = new SnapshotReader(new KubernetesLiveObjects(client), client, pools,
                new InventoryStore(client, agentNamespace), new SecretCopySource(client, policy, agentNamespace));
        return new PreviewParts(reader, pools, new SleepProgressStore(client, agentNamespace), policy);
    }
}
