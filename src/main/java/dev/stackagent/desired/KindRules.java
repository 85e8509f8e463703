package dev.stackagent.desired;

import java.util.Set;

/** What a stack may own: cluster-scoped kinds are the cluster admin's, except the stack's Namespaces. */
public final class KindRules {
    private KindRules() {
    }

    /** Cluster-scoped kinds commonly found in manifests; a stack may not own any of them. */
    public static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass", "RuntimeClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode", "VolumeAttachment",
            "GatewayClass", "ClusterIssuer", "VolumeSnapshotClass", "PodSecurityPolicy",
            "ClusterServingRuntime", "ClusterStorageContainer");

    public static boolean isClusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }

    /** A Secret may be declared in Git only without values (type and metadata); values come from secretCopies or out of band. */
    public static boolean carriesSecretValues(String kind, com.fasterxml.jackson.databind.JsonNode body) {
        return "Secret".equals(kind) && (hasEntries(body.get("data")) || hasEntries(body.get("stringData")));
    }

    static boolean hasEntries(com.fasterxml.jackson.databind.JsonNode n) {
        return n != null && !n.isNull() && n.size() > 0;
    }
}
