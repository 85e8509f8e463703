package dev.stackagent.sync;

import dev.stackagent.apply.Applier;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.apply.KubernetesWriter;
import dev.stackagent.apply.WriteListener;
import dev.stackagent.gke.NodePools;
import dev.stackagent.health.preflight.PreflightCheck;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.inventory.ConfigMapCache;
import dev.stackagent.live.KubernetesLiveObjects;
import dev.stackagent.live.ObjectCache;
import dev.stackagent.live.SecretCopySource;
import dev.stackagent.live.SnapshotReader;
import dev.stackagent.policy.Policy;
import dev.stackagent.verify.ModelCheck;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The I/O edges a {@link StackSync} talks to: the read-only parts of its preview (the one read, node
 * pools, sleep progress, the policy), the writers (applier, inventories), the model check and the
 * preflight checks. Every part is present; an absent capability is a no-op part.
 */
public record SyncParts(PreviewParts read, InventoryStore inventories, Applier applier, ModelCheck verifier, PreflightCheck preflight) {

    /** Every part talking to one Kubernetes cluster; inventories and sleep progress in {@code agentNamespace}. */
    public static SyncParts of(KubernetesClient client, String agentNamespace, NodePools pools, EventRecorder events) {
        return of(client, agentNamespace, pools, events, WriteListener.NONE, Policy.defaults());
    }

    /**
     * As above, telling {@code writes} about every object the agent creates or patches, under
     * {@code policy} (adoption entries, allowed Secret-copy sources; the agent's namespace is never a source).
     */
    public static SyncParts of(KubernetesClient client, String agentNamespace, NodePools pools, EventRecorder events, WriteListener writes,
            Policy policy) {
        KubernetesLiveObjects live = new KubernetesLiveObjects(client);
        return new SyncParts(PreviewParts.of(client, agentNamespace, pools, policy), new InventoryStore(client, agentNamespace),
                new Applier(new KubernetesWriter(client, writes), live, events), ModelCheck.OFF, PreflightCheck.OFF);
    }

    /**
     * As above, reading objects, inventories and sleep progress through the running agent's watch caches ({@code objects},
     * {@code configMaps}): what they know is not read again. The applier's re-reads after a conflict are never cached.
     */
    public static SyncParts of(KubernetesClient client, String agentNamespace, NodePools pools, EventRecorder events, WriteListener writes,
            Policy policy, ObjectCache objects, ConfigMapCache configMaps) {
        KubernetesLiveObjects live = new KubernetesLiveObjects(client);
        InventoryStore inventories = new InventoryStore(client, agentNamespace, configMaps);
        SnapshotReader reader = new SnapshotReader(live, client, pools, inventories, new SecretCopySource(client, policy, agentNamespace), objects);
        return new SyncParts(new PreviewParts(reader, pools, new SleepProgressStore(client, agentNamespace, configMaps), policy), inventories,
                new Applier(new KubernetesWriter(client, writes), live, events), ModelCheck.OFF, PreflightCheck.OFF);
    }

    /** These parts with model verification (the seed's Phase 4) after workload changes and wakes. */
    public SyncParts withVerifier(ModelCheck v) {
        return new SyncParts(read, inventories, applier, v, preflight);
    }

    /** These parts with the seed's Phase 1/2 checks before applying. */
    public SyncParts withPreflight(PreflightCheck p) {
        return new SyncParts(read, inventories, applier, verifier, p);
    }
}
