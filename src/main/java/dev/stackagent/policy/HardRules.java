package dev.stackagent.policy;

import java.util.List;

/**
 * What no policy can widen: the cluster's own namespaces and the agent's are never a stack's and
 * never a Secret-copy source; the agent's own label prefix is never set by Git.
 */
public final class HardRules {
    /** Set by an admin on a live object (value: the stack's name) to let that stack take it over. */
    public static final String ADOPT_ANNOTATION = "stack-agent.dev/adopt";
    /** Set by the owner of a Secret (value: comma-separated target namespaces) to let stacks copy it there. */
    public static final String COPY_TO_ANNOTATION = "stack-agent.dev/copy-to";
    /** Secrets of this type are minted by the cluster for a ServiceAccount: never declared in Git. */
    public static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";

    /** The agent's own label and annotation keys (ownership, adoption, last-applied): never set from Git, on any object. */
    public static final String AGENT_KEYS = "stack-agent.dev/*";

    /** Never a stack's namespace nor a Secret-copy source, whatever the policy says. */
    static final List<String> SYSTEM_NAMESPACES = List.of("kube-*", "default");
    /** Label and annotation prefixes Git may not set on a namespace; the first is the agent's own and never allowed. */
    static final List<String> RESERVED_KEY_PATTERNS = List.of("stack-agent.dev/*", "*kubernetes.io/*", "*k8s.io/*");

    private HardRules() {
    }

    /** Why {@code namespace} may not be owned by a stack, or null when the policy allows it. */
    public static String namespaceRefusal(Policy policy, String agentNamespace, String namespace) {
        String system = Patterns.firstMatch(SYSTEM_NAMESPACES, namespace);
        if (system != null) {
            return "namespace '" + namespace + "' belongs to the cluster (" + system + "): never owned by a stack";
        }
        if (namespace.equals(agentNamespace)) {
            return "namespace '" + namespace + "' is the agent's own: never owned by a stack";
        }
        String platform = Patterns.firstMatch(policy.namespaces().platform(), namespace);
        if (platform != null) {
            return "namespace '" + namespace + "' is a platform namespace (policy namespaces.platform: " + platform + ")";
        }
        if (!Patterns.anyMatches(policy.namespaces().allowed(), namespace)) {
            return "namespace '" + namespace + "' is not allowed (policy namespaces.allowed: " + policy.namespaces().allowed() + ")";
        }
        return null;
    }

    /** Why a label or annotation key may not be set on a stack's namespace, or null. */
    public static String reservedKeyRefusal(Policy policy, String key) {
        if (Patterns.matches(RESERVED_KEY_PATTERNS.get(0), key)) {
            return "'" + key + "' is the agent's own key (stack-agent.dev/*): never set from Git";
        }
        String reserved = Patterns.firstMatch(RESERVED_KEY_PATTERNS, key);
        if (reserved != null && !Patterns.anyMatches(policy.namespaces().allowedKeys(), key)) {
            return "'" + key + "' is reserved (" + reserved + "); the policy's namespaces.allowedKeys may allow it";
        }
        return null;
    }

    /** Why no policy may allow copying Secrets out of {@code namespace}, or null. */
    public static String secretSourceRefusal(String agentNamespace, String namespace) {
        String system = Patterns.firstMatch(SYSTEM_NAMESPACES, namespace);
        if (system != null) {
            return "Secrets of '" + namespace + "' (" + system + ") are never copied";
        }
        if (namespace.equals(agentNamespace)) {
            return "Secrets of the agent's own namespace '" + namespace + "' are never copied";
        }
        return null;
    }

    /** True when the live Secret's {@value #COPY_TO_ANNOTATION} annotation names {@code targetNamespace}. */
    public static boolean sourceOptsIn(String annotation, String targetNamespace) {
        if (annotation == null) return false;
        for (String ns : annotation.split(",")) {
            if (ns.trim().equals(targetNamespace)) return true;
        }
        return false;
    }
}
