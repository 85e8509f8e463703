package dev.stackagent.gke;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodeLabels;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.NodeTaint;
import com.google.container.v1.NodeTaints;

import dev.stackagent.desired.NodePoolSpec;

/** Desired node pool to GKE API messages, and back. Pure: no client, no I/O. */
public final class NodePoolProtos {

    private NodePoolProtos() {
    }

    /**
     * The pool to create for {@code stack}. Undeclared fields are left unset, so GKE's defaults apply.
     * It carries the agent's ownership as the GKE resource label {@value NodePoolOwnership#LABEL}
     * (never compared as drift: only declared fields are).
     */
    public static NodePool newPool(NodePoolSpec spec, String stack) {
        NodePool.Builder pool = NodePool.newBuilder().setName(spec.name());
        NodeConfig.Builder config = NodeConfig.newBuilder()
                .putResourceLabels(NodePoolOwnership.LABEL, NodePoolOwnership.labelValue(stack));
        if (spec.machineType() != null) {
            config.setMachineType(spec.machineType());
        }
        if (spec.spot() != null) {
            config.setSpot(spec.spot());
        }
        if (spec.diskSizeGb() != null) {
            config.setDiskSizeGb(spec.diskSizeGb());
        }
        if (spec.diskType() != null) {
            config.setDiskType(spec.diskType());
        }
        if (spec.labels() != null) {
            config.putAllLabels(spec.labels());
        }
        if (spec.taints() != null) {
            spec.taints().forEach(t -> config.addTaints(taint(t)));
        }
        pool.setConfig(config);
        if (spec.tpuTopology() != null) {
            pool.getPlacementPolicyBuilder().setTpuTopology(spec.tpuTopology());
        }
        if (spec.nodeLocations() != null) {
            pool.addAllLocations(spec.nodeLocations());
        }
        if (spec.autoscaling() != null) {
            pool.setAutoscaling(autoscaling(spec.autoscaling(), NodePoolAutoscaling.getDefaultInstance()));
        }
        Integer initial = initialNodeCount(spec);
        if (initial != null) {
            pool.setInitialNodeCount(initial);
        }
        return pool.build();
    }

    /** {@code nodeCount} if declared, else the autoscaling minimum, else GKE's default. */
    static Integer initialNodeCount(NodePoolSpec spec) {
        if (spec.nodeCount() != null) {
            return spec.nodeCount();
        }
        NodePoolSpec.Autoscaling a = spec.autoscaling();
        if (a != null && a.isEnabled()) {
            return a.minNodeCount() != null ? a.minNodeCount() : a.totalMinNodeCount();
        }
        return null;
    }

    /**
     * The autoscaling to send: GKE replaces the whole message, so undeclared bounds keep their live
     * value. Per-zone and total bounds exclude each other: declaring one pair clears the other.
     */
    public static NodePoolAutoscaling autoscaling(NodePoolSpec.Autoscaling desired, NodePoolAutoscaling live) {
        if (!desired.isEnabled()) {
            return NodePoolAutoscaling.newBuilder().setEnabled(false).build();
        }
        NodePoolAutoscaling.Builder a = live.toBuilder().setEnabled(true);
        if (desired.minNodeCount() != null || desired.maxNodeCount() != null) {
            a.clearTotalMinNodeCount().clearTotalMaxNodeCount();
        }
        if (desired.totalMinNodeCount() != null || desired.totalMaxNodeCount() != null) {
            a.clearMinNodeCount().clearMaxNodeCount();
        }
        if (desired.minNodeCount() != null) {
            a.setMinNodeCount(desired.minNodeCount());
        }
        if (desired.maxNodeCount() != null) {
            a.setMaxNodeCount(desired.maxNodeCount());
        }
        if (desired.totalMinNodeCount() != null) {
            a.setTotalMinNodeCount(desired.totalMinNodeCount());
        }
        if (desired.totalMaxNodeCount() != null) {
            a.setTotalMaxNodeCount(desired.totalMaxNodeCount());
        }
        if (desired.locationPolicy() != null) {
            a.setLocationPolicy(NodePoolAutoscaling.LocationPolicy.valueOf(desired.locationPolicy().toUpperCase(Locale.ROOT)));
        }
        return a.build();
    }

    /** The full label set for {@code updateNodePool}: the declared labels plus the ones GKE owns. */
    public static NodeLabels labelsForUpdate(Map<String, String> desired, Map<String, String> live) {
        Map<String, String> labels = new LinkedHashMap<>();
        live.forEach((k, v) -> {
            if (GkeManagedKeys.isGkeLabel(k)) {
                labels.put(k, v);
            }
        });
        desired.forEach((k, v) -> {
            if (!GkeManagedKeys.isGkeLabel(k)) {
                labels.put(k, v);
            }
        });
        return NodeLabels.newBuilder().putAllLabels(labels).build();
    }

    /** The full taint set for {@code updateNodePool}: the declared taints plus live GKE-owned ones not declared. */
    public static NodeTaints taintsForUpdate(List<NodePoolSpec.Taint> desired, List<NodeTaint> live) {
        List<NodeTaint> taints = new ArrayList<>();
        desired.forEach(t -> taints.add(taint(t)));
        live.stream()
                .filter(t -> GkeManagedKeys.isGkeTaint(t.getKey()))
                .filter(t -> desired.stream().noneMatch(d -> d.key().equals(t.getKey())))
                .forEach(taints::add);
        return NodeTaints.newBuilder().addAllTaints(taints).build();
    }

    public static NodeTaint taint(NodePoolSpec.Taint taint) {
        return NodeTaint.newBuilder()
                .setKey(taint.key())
                .setValue(taint.value() == null ? "" : taint.value())
                .setEffect(effect(taint.effect()))
                .build();
    }

    /** GKE's spelling (NO_SCHEDULE) or Kubernetes' (NoSchedule); missing means NO_SCHEDULE. */
    public static NodeTaint.Effect effect(String effect) {
        if (effect == null || effect.isBlank()) {
            return NodeTaint.Effect.NO_SCHEDULE;
        }
        String upper = effect.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return NodeTaint.Effect.valueOf(upper);
    }
}
