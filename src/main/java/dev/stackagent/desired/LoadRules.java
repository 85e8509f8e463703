package dev.stackagent.desired;

import java.util.Map;
import java.util.Objects;

import dev.stackagent.policy.Policy;

/**
 * What a revision is checked against besides its own consistency: the platform team's policy, the
 * agent's own namespace (never a stack's), and who already holds what in the cluster
 * ({@code holders}: object key or {@code nodepool/<name>} to the stack whose inventory holds it), so
 * that of two stacks claiming one thing the holder keeps it. {@code objectCheck} checks each
 * manifest object (the schema check); {@code strict} makes warnings errors (a YAML file no
 * {@code manifests} entry lists).
 */
public record LoadRules(Policy policy, String agentNamespace, Map<String, String> holders, ObjectCheck objectCheck, boolean strict) {
    public static final String DEFAULT_AGENT_NAMESPACE = "stack-agent";

    public LoadRules {
        holders = Map.copyOf(holders);
        objectCheck = Objects.requireNonNullElse(objectCheck, ObjectCheck.NONE);
    }

    public LoadRules(Policy policy, String agentNamespace, Map<String, String> holders) {
        this(policy, agentNamespace, holders, ObjectCheck.NONE, false);
    }

    /** The built-in policy, the default agent namespace, nothing held (offline). */
    public static LoadRules defaults() {
        return of(Policy.defaults());
    }

    public static LoadRules of(Policy policy) {
        return new LoadRules(policy, DEFAULT_AGENT_NAMESPACE, Map.of());
    }

    public LoadRules withHolders(Map<String, String> held) {
        return new LoadRules(policy, agentNamespace, held, objectCheck, strict);
    }

    public LoadRules withAgentNamespace(String namespace) {
        return new LoadRules(policy, namespace, holders, objectCheck, strict);
    }

    /** Each manifest object is also checked by {@code check} (e.g. against its schema). */
    public LoadRules withObjectCheck(ObjectCheck check) {
        return new LoadRules(policy, agentNamespace, holders, check, strict);
    }

    /** With {@code strict}, what is otherwise a warning rejects the stack. */
    public LoadRules withStrict(boolean strictness) {
        return new LoadRules(policy, agentNamespace, holders, objectCheck, strictness);
    }

    /** The holders key of a node pool. */
    public static String poolKey(String pool) {
        return "nodepool/" + pool;
    }
}
