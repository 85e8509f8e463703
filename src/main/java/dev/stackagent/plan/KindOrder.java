package dev.stackagent.plan;

import java.util.Comparator;
import java.util.Map;

import dev.stackagent.desired.ObjectRef;

/**
 * The fixed order objects are applied in: Namespaces first, then identities and configuration,
 * then network policy (so a workload never runs unprotected), then everything else, workloads last.
 * Pruning runs in reverse.
 */
public final class KindOrder {
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("Namespace", 0),
            Map.entry("ServiceAccount", 1), Map.entry("ConfigMap", 1), Map.entry("Secret", 1),
            Map.entry("Role", 2), Map.entry("RoleBinding", 2),
            Map.entry("NetworkPolicy", 3),
            Map.entry("Service", 4), Map.entry("PersistentVolumeClaim", 4),
            Map.entry("LLMInferenceServiceConfig", 5),
            Map.entry("Deployment", 7), Map.entry("StatefulSet", 7), Map.entry("LeaderWorkerSet", 7),
            Map.entry("LLMInferenceService", 8), Map.entry("InferenceService", 8));
    private static final int OTHER = 6;

    public static final Comparator<ObjectRef> APPLY = Comparator.comparingInt(KindOrder::rank).thenComparing(r -> r);
    public static final Comparator<ObjectRef> PRUNE = APPLY.reversed();

    private KindOrder() {
    }

    public static int rank(ObjectRef ref) {
        return RANK.getOrDefault(ref.kind(), OTHER);
    }
}
