package dev.stackagent.desired;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A GKE node pool of the stack's cluster, as declared in Git. Only declared fields are compared
 * with GKE; {@code null} means "not declared, leave as GKE has it".
 */
@RegisterForReflection
public record NodePoolSpec(
        String name,
        String machineType,
        String tpuTopology,
        Boolean spot,
        Integer nodeCount,
        Autoscaling autoscaling,
        List<String> nodeLocations,
        Map<String, String> labels,
        List<Taint> taints,
        Integer diskSizeGb,
        String diskType,
        Boolean allowReplacement) {

    public NodePoolSpec {
        nodeLocations = nodeLocations == null ? null : List.copyOf(nodeLocations);
        labels = labels == null ? null : Map.copyOf(labels);
        taints = taints == null ? null : List.copyOf(taints);
    }

    public boolean replacementAllowed() {
        return Boolean.TRUE.equals(allowReplacement);
    }

    @RegisterForReflection
    public record Autoscaling(
            Boolean enabled,
            Integer minNodeCount,
            Integer maxNodeCount,
            Integer totalMinNodeCount,
            Integer totalMaxNodeCount,
            String locationPolicy) {
        public boolean isEnabled() {
            return !Boolean.FALSE.equals(enabled);
        }
    }

    /** A node taint; {@code effect} is GKE's spelling: NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE. */
    @RegisterForReflection
    public record Taint(String key, String value, String effect) {
    }
}
