package dev.stackagent.gke;

import java.util.ArrayList;
import java.util.List;

import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.NodePool;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateNodePoolRequest;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;

/**
 * Carries out a node pool's drift through GKE, one operation at a time, in the drift's order
 * (autoscaling before size). Replacement is not part of {@link #apply}: it destroys the pool's nodes,
 * so the caller stops the workload first and then calls {@link #replace}.
 */
public final class NodePoolApplier {

    private final ClusterManagerClient client;
    private final GkeOperations operations;

    public NodePoolApplier(ClusterManagerClient client, GkeOperations operations) {
        this.client = client;
        this.operations = operations;
    }

    /**
     * Runs the drift's in-place changes; returns one line per change done. A change the drift does
     * not allow (ownership, a replacement not opted into) is never run: nothing is, then.
     */
    public List<String> apply(ClusterRef cluster, String stack, NodePoolSpec spec, NodePool live, NodePoolDrift drift) {
        drift.changes().stream().filter(c -> !c.allowed()).findFirst().ifPresent(c -> {
            throw new IllegalStateException("node pool " + spec.name() + ": " + c.reason());
        });
        List<String> done = new ArrayList<>();
        for (NodePoolChange change : drift.changes()) {
            switch (change.type()) {
                case CREATE -> create(cluster, stack, spec);
                case SET_AUTOSCALING -> setAutoscaling(cluster, spec, live);
                case SET_SIZE -> setSize(cluster, spec);
                case UPDATE_LABELS_TAINTS -> updateLabelsTaints(cluster, spec, live);
                case UPDATE_LOCATIONS -> updateLocations(cluster, spec, live);
                case REQUIRES_REPLACEMENT -> throw new IllegalStateException(
                        "replacement of pool " + spec.name() + " is a separate step: call replace() after stopping the workload");
            }
            done.add(change.type().name().toLowerCase() + ": " + change.fields());
        }
        return done;
    }

    /**
     * Deletes the pool and creates it as declared, with the stack's ownership label again. The workload
     * on it must be stopped first, and the pool must be this stack's ({@link NodePoolOwnership#mayReplace}):
     * both are the caller's job.
     */
    public void replace(ClusterRef cluster, String stack, NodePoolSpec spec) {
        String name = NodePoolReader.poolName(cluster, spec.name());
        operations.run(cluster, "deleteNodePool", name, () -> client.deleteNodePool(name));
        create(cluster, stack, spec);
    }

    private void create(ClusterRef cluster, String stack, NodePoolSpec spec) {
        String parent = cluster.resourceName();
        CreateNodePoolRequest request = CreateNodePoolRequest.newBuilder()
                .setParent(parent).setNodePool(NodePoolProtos.newPool(spec, stack)).build();
        operations.run(cluster, "createNodePool", NodePoolReader.poolName(cluster, spec.name()),
                () -> client.createNodePool(request));
    }

    private void setAutoscaling(ClusterRef cluster, NodePoolSpec spec, NodePool live) {
        String name = NodePoolReader.poolName(cluster, spec.name());
        SetNodePoolAutoscalingRequest request = SetNodePoolAutoscalingRequest.newBuilder().setName(name)
                .setAutoscaling(NodePoolProtos.autoscaling(spec.autoscaling(), live.getAutoscaling())).build();
        operations.run(cluster, "setNodePoolAutoscaling", name, () -> client.setNodePoolAutoscaling(request));
    }

    private void setSize(ClusterRef cluster, NodePoolSpec spec) {
        String name = NodePoolReader.poolName(cluster, spec.name());
        SetNodePoolSizeRequest request = SetNodePoolSizeRequest.newBuilder().setName(name)
                .setNodeCount(spec.nodeCount()).build();
        operations.run(cluster, "setNodePoolSize", name, () -> client.setNodePoolSize(request));
    }

    /** Labels and taints are replaced as whole sets by GKE: send the full desired sets (plus GKE's own). */
    private void updateLabelsTaints(ClusterRef cluster, NodePoolSpec spec, NodePool live) {
        String name = NodePoolReader.poolName(cluster, spec.name());
        UpdateNodePoolRequest.Builder request = baseUpdate(name, live);
        if (spec.labels() != null) {
            request.setLabels(NodePoolProtos.labelsForUpdate(spec.labels(), live.getConfig().getLabelsMap()));
        }
        if (spec.taints() != null) {
            request.setTaints(NodePoolProtos.taintsForUpdate(spec.taints(), live.getConfig().getTaintsList()));
        }
        operations.run(cluster, "updateNodePool", name, () -> client.updateNodePool(request.build()));
    }

    private void updateLocations(ClusterRef cluster, NodePoolSpec spec, NodePool live) {
        String name = NodePoolReader.poolName(cluster, spec.name());
        UpdateNodePoolRequest request = baseUpdate(name, live).addAllLocations(spec.nodeLocations()).build();
        operations.run(cluster, "updateNodePool", name, () -> client.updateNodePool(request));
    }

    /**
     * GKE requires node version and image type on every update: send the pool's current ones, so an
     * update never upgrades nodes by the way ("-" would mean the control plane's version).
     */
    private static UpdateNodePoolRequest.Builder baseUpdate(String name, NodePool live) {
        return UpdateNodePoolRequest.newBuilder().setName(name)
                .setNodeVersion(live.getVersion())
                .setImageType(live.getConfig().getImageType());
    }
}
