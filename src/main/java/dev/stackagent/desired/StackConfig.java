package dev.stackagent.desired;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The contents of {@code stacks/<name>/stack.yaml}, exactly as written in Git. Every field is
 * documented in {@code docs/config-reference.md}; unknown fields are rejected when parsing.
 * The stack's name is the name of its directory.
 */
@RegisterForReflection
public record StackConfig(
        String apiVersion,
        String kind,
        ClusterRef cluster,
        List<NamespaceSpec> namespaces,
        List<String> manifests,
        List<SecretCopy> secretCopies,
        List<NodePoolSpec> nodePools,
        ScheduleSpec schedule,
        VerificationSpec verification,
        Options options,
        NotificationsSpec notifications) {

    public static final String API_VERSION = "stack-agent.dev/v1alpha1";
    public static final String KIND = "Stack";

    public StackConfig {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        secretCopies = secretCopies == null ? List.of() : List.copyOf(secretCopies);
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
        options = options == null ? Options.DEFAULTS : options;
        notifications = notifications == null ? NotificationsSpec.NONE : notifications;
    }

    /** As written before {@code notifications:} existed (no alert channel chosen: every configured channel). */
    public StackConfig(String apiVersion, String kind, ClusterRef cluster, List<NamespaceSpec> namespaces, List<String> manifests,
            List<SecretCopy> secretCopies, List<NodePoolSpec> nodePools, ScheduleSpec schedule, VerificationSpec verification,
            Options options) {
        this(apiVersion, kind, cluster, namespaces, manifests, secretCopies, nodePools, schedule, verification, options, null);
    }
}
