package dev.stackagent.desired;

import java.util.Map;

import dev.stackagent.policy.Policy;

/**
 * What a revision is checked against besides its own consistency: the platform team's policy, the
 * agent's own namespace (never a stack's), and who already holds what in the cluster
 * ({@code holders}: object key or {@code nodepool/<name>} to the stack whose inventory holds it), so
 * that of two stacks claiming one thing the holder keeps it.
 */
public record LoadRules(Policy policy, String agentNamespace, Map<String, String> holders) {
    public static final String DEFAULT_AGENT_NAMESPACE = "stack-agent";

    public LoadRules {
        holders = Map.copyOf(holders);
    }

    /** The built-in policy, the default agent namespace, nothing held (offline). */
    public static LoadRules defaults() {
        return of(Policy.defaults());
    }

    public static LoadRules of(Policy policy) {
        return new LoadRules(policy, DEFAULT_AGENT_NAMESPACE, Map.of());
    }

    public LoadRules withHolders(Map<String, String> held) {
        return new LoadRules(policy, agentNamespace, held);
    }

    public LoadRules withAgentNamespace(String namespace) {
        return new LoadRules(policy, namespace, holders);
    }

    /** The holders key of a node pool. */
    public static String poolKey(String pool) {
        return "nodepool/" + pool;
    }
}
