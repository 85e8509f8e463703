package dev.stackagent.gke;

import java.util.List;
import java.util.Optional;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.policy.Policy;

/**
 * The node pools of a stack's cluster as desired state: {@link #read} reads them once, {@link #plan}
 * compares, {@link #apply} converges, {@link #replace} recreates a pool once the caller has stopped
 * its workload. Pools that Git does not declare are never read into a change nor touched.
 * {@link GkeNodePools} talks to GKE; {@link #notManaged()} is GKE management switched off.
 */
public interface NodePools {

    /** GKE management switched off: every pool is "not managed", nothing is read or changed. */
    static NodePools notManaged() {
        return NotManagedNodePools.INSTANCE;
    }

    boolean managed();

    /** The agent policy the ownership guard applies ({@code nodePools.adoptable}). */
    Policy policy();

    /** The cluster's pools, read once (one {@code listNodePools}); unreadable with GKE's message when it fails. */
    LivePools read(ClusterRef cluster);

    /**
     * Drift of each declared pool of {@code stack} against pools already read, no call. Changes the
     * pool's ownership refuses are shown blocked, with the reason; unreadable pools show "live state unknown".
     */
    List<NodePoolDrift> plan(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools live);

    /** As above, reading the pools first. */
    default List<NodePoolDrift> plan(ClusterRef cluster, String stack, List<NodePoolSpec> desired) {
        return plan(cluster, stack, desired, read(cluster));
    }

    /**
     * Converges the declared pools: creates, changes autoscaling / size / labels / taints / locations.
     * A pool that needs replacement is BLOCKED, or REPLACEMENT_PENDING when allowed (see {@link #replace}).
     * A pool that is not {@code stack}'s to change is BLOCKED with no mutating call. In sync means zero
     * mutating calls. {@code known}: the pools read at the start of the sync (null: read them), used
     * unless a GKE operation ran meanwhile.
     */
    NodePoolResult apply(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools known);

    default NodePoolResult apply(ClusterRef cluster, String stack, List<NodePoolSpec> desired) {
        return apply(cluster, stack, desired, null);
    }

    /**
     * Deletes and recreates a pool whose drift needs replacement, if the stack allows it and the pool
     * is this stack's (created by the agent for it; an adopted pool never is). The caller must have
     * stopped the workload on the pool first: its nodes are destroyed.
     */
    NodePoolResult replace(ClusterRef cluster, String stack, NodePoolSpec spec);

    /** The cluster as GKE reports it, for the preflight checks; empty when not managed or not readable. */
    Optional<com.google.container.v1.Cluster> cluster(ClusterRef cluster);

    /** "waiting for GKE operation X" while a sync waits on GKE. */
    Optional<String> currentWait();
}
