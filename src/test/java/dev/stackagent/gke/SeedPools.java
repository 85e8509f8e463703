package dev.stackagent.gke;

import java.util.List;
import java.util.Map;

import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.NodePoolSpec.Autoscaling;
import dev.stackagent.desired.NodePoolSpec.Taint;

/** The seed deployment's cluster and TPU pool (FACTS.md), as test fixtures. */
final class SeedPools {

    static final ClusterRef CLUSTER = new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1");
    static final String TPU = "tpu-v6e-pool";
    /** The seed's stack (config-repo-template/stacks/qwen2-3b-pattern1). */
    static final String STACK = "qwen2-3b-pattern1";
    static final Taint TPU_TAINT = new Taint("google.com/tpu", "present", "NO_SCHEDULE");

    private SeedPools() {
    }

    static NodePoolSpec tpuPool() {
        return new NodePoolSpec(TPU, "ct6e-standard-4t", "2x2", null, 1,
                new Autoscaling(true, 0, 3, null, null, null), null,
                Map.of("stack-agent.dev/stack", "llmd"), List.of(TPU_TAINT), null, null, null);
    }

    static NodePoolSpec withAutoscaling(NodePoolSpec s, Autoscaling a) {
        return new NodePoolSpec(s.name(), s.machineType(), s.tpuTopology(), s.spot(), s.nodeCount(), a,
                s.nodeLocations(), s.labels(), s.taints(), s.diskSizeGb(), s.diskType(), s.allowReplacement());
    }

    /** What the sleep schedule produces: autoscaling off, no nodes. */
    static NodePoolSpec asleep(NodePoolSpec s) {
        return new NodePoolSpec(s.name(), s.machineType(), s.tpuTopology(), s.spot(), 0,
                new Autoscaling(false, null, null, null, null, null),
                s.nodeLocations(), s.labels(), s.taints(), s.diskSizeGb(), s.diskType(), s.allowReplacement());
    }

    static NodePoolSpec withMachineType(NodePoolSpec s, String machineType, Boolean allowReplacement) {
        return new NodePoolSpec(s.name(), machineType, s.tpuTopology(), s.spot(), s.nodeCount(), s.autoscaling(),
                s.nodeLocations(), s.labels(), s.taints(), s.diskSizeGb(), s.diskType(), allowReplacement);
    }

    static NodePoolSpec withLabelsAndTaints(NodePoolSpec s, Map<String, String> labels, List<Taint> taints) {
        return new NodePoolSpec(s.name(), s.machineType(), s.tpuTopology(), s.spot(), s.nodeCount(), s.autoscaling(),
                s.nodeLocations(), labels, taints, s.diskSizeGb(), s.diskType(), s.allowReplacement());
    }

    /**
     * The pool as GKE reports it once the agent created it from {@link #tpuPool()} for {@link #STACK}
     * (its ownership resource label), with what GKE adds itself.
     */
    static NodePool liveTpuPool() {
        NodePool.Builder pool = NodePool.newBuilder().setName(TPU).setInitialNodeCount(1).setVersion("1.33.5-gke.1201000")
                .setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(0).setMaxNodeCount(3)
                        .setLocationPolicy(NodePoolAutoscaling.LocationPolicy.BALANCED))
                .setConfig(NodeConfig.newBuilder().setMachineType("ct6e-standard-4t").setDiskSizeGb(100)
                        .setDiskType("hyperdisk-balanced").setImageType("COS_CONTAINERD")
                        .putResourceLabels(NodePoolOwnership.LABEL, STACK)
                        .putResourceLabels("goog-gke-node-pool-provisioning-model", "on-demand")
                        .putLabels("stack-agent.dev/stack", "llmd")
                        .putLabels("cloud.google.com/gke-tpu-accelerator", "tpu-v6e-slice")
                        .putLabels("cloud.google.com/gke-tpu-topology", "2x2")
                        .addTaints(NodePoolProtos.taint(TPU_TAINT)))
                .addLocations("europe-west4-a");
        pool.getPlacementPolicyBuilder().setTpuTopology("2x2");
        return pool.build();
    }

    /** The same pool made by hand (the seed's reality): no ownership label. */
    static NodePool handMadeTpuPool() {
        NodePool live = liveTpuPool();
        return live.toBuilder().setConfig(live.getConfig().toBuilder().removeResourceLabels(NodePoolOwnership.LABEL)).build();
    }

    /** GKE's own pool, made with the cluster: not the agent's. */
    static NodePool defaultPool() {
        return NodePool.newBuilder().setName("default-pool").setInitialNodeCount(2).setVersion("1.33.5-gke.1201000")
                .setConfig(NodeConfig.newBuilder().setMachineType("n1-standard-4").setImageType("COS_CONTAINERD"))
                .build();
    }
}
