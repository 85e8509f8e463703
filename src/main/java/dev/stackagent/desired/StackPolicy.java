package dev.stackagent.desired;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.stackagent.policy.HardRules;
import dev.stackagent.policy.Patterns;
import dev.stackagent.policy.Policy;

/**
 * Checks one stack against the platform team's policy, before anything is written: kinds,
 * namespaces and their reserved keys, Secret-copy sources, node-pool bounds, verification bounds
 * and the object count. Pure: values in, {@link ValidationError}s (naming file, line, object, field
 * and the policy rule) out.
 */
final class StackPolicy {
    private final String stackFile;
    private final String label;
    private final LoadRules rules;
    private final Policy policy;
    private final List<ValidationError> errors;

    StackPolicy(String stackFile, String stackName, LoadRules rules, List<ValidationError> errors) {
        this.stackFile = stackFile;
        this.label = "stack " + stackName;
        this.rules = rules;
        this.policy = rules.policy();
        this.errors = errors;
    }

    void check(StackConfig config, List<DesiredObject> objects) {
        namespaces(config.namespaces());
        for (DesiredObject o : objects) {
            if (!o.ref().kind().equals("Namespace")) {
                object(o);
            }
        }
        secretCopies(config.secretCopies());
        nodePools(config.nodePools());
        if (config.verification() != null) {
            verification(config.verification());
        }
        int max = policy.repository().maxObjectsPerStack();
        if (objects.size() > max) {
            error("manifests", "the stack holds " + objects.size() + " objects; the policy allows at most " + max
                    + " (repository.maxObjectsPerStack)");
        }
    }

    private void namespaces(List<NamespaceSpec> namespaces) {
        for (int i = 0; i < namespaces.size(); i++) {
            NamespaceSpec ns = namespaces.get(i);
            if (ns == null || ns.name() == null) continue;
            String refusal = HardRules.namespaceRefusal(policy, rules.agentNamespace(), ns.name());
            if (refusal != null) {
                error("namespaces[" + i + "].name", refusal);
            }
            keys("namespaces[" + i + "].labels", ns.labels());
            keys("namespaces[" + i + "].annotations", ns.annotations());
        }
    }

    private void keys(String field, Map<String, String> entries) {
        entries.keySet().stream().sorted().forEach(key -> {
            String refusal = HardRules.reservedKeyRefusal(policy, key);
            if (refusal != null) {
                error(field + "." + key, refusal);
            }
        });
    }

    private void object(DesiredObject o) {
        String objectLabel = o.ref().toString();
        Policy.GroupKind allowed = policy.allowedKind(o.ref().group(), o.ref().kind());
        if (allowed == null) {
            String gk = new Policy.GroupKind(o.ref().group(), o.ref().kind()).toString();
            errors.add(new ValidationError(o.file(), o.line(), objectLabel, "kind",
                    "kind " + gk + " is not allowed by the policy (kinds: " + policy.kinds() + ")"));
            return;
        }
        for (String part : new String[] {"labels", "annotations"}) {
            o.body().path("metadata").path(part).fieldNames().forEachRemaining(key -> {
                if (Patterns.matches(HardRules.AGENT_KEYS, key)) {
                    errors.add(new ValidationError(o.file(), o.line(), objectLabel, "metadata." + part + "." + key,
                            "'" + key + "' is the agent's own key (" + HardRules.AGENT_KEYS + "): never set from Git"));
                }
            });
        }
        if ("Secret".equals(o.ref().kind()) && HardRules.SERVICE_ACCOUNT_TOKEN.equals(o.body().path("type").asText())) {
            errors.add(new ValidationError(o.file(), o.line(), objectLabel, "type",
                    "Secrets of type " + HardRules.SERVICE_ACCOUNT_TOKEN + " are minted by the cluster for a ServiceAccount: "
                            + "never declared in Git"));
        }
    }

    private void secretCopies(List<SecretCopy> copies) {
        for (int i = 0; i < copies.size(); i++) {
            SecretCopy c = copies.get(i);
            if (c == null || c.fromNamespace() == null || c.fromName() == null) continue;
            String hard = HardRules.secretSourceRefusal(rules.agentNamespace(), c.fromNamespace());
            if (hard != null) {
                error("secretCopies[" + i + "].fromNamespace", hard);
            } else if (!policy.secretCopies().allows(c.fromNamespace(), c.fromName()) && !policy.secretCopies().sourceOptIn()) {
                error("secretCopies[" + i + "]", "copying " + c.fromNamespace() + "/" + c.fromName()
                        + " is not allowed by the policy (secretCopies.allowed: " + policy.secretCopies().allowed() + ")");
            }
        }
    }

    private void nodePools(List<NodePoolSpec> pools) {
        Policy.NodePools limits = policy.nodePools();
        if (pools.size() > limits.maxPoolsPerStack()) {
            error("nodePools", pools.size() + " node pools; the policy allows at most " + limits.maxPoolsPerStack()
                    + " per stack (nodePools.maxPoolsPerStack)");
        }
        for (int i = 0; i < pools.size(); i++) {
            NodePoolSpec p = pools.get(i);
            if (p == null) continue;
            String f = "nodePools[" + i + "]";
            if (p.machineType() == null) {
                error(f + ".machineType", "must be declared: the policy allows only machine types " + limits.machineTypes());
            } else if (!Patterns.anyMatches(limits.machineTypes(), p.machineType())) {
                error(f + ".machineType", "machine type '" + p.machineType() + "' is not allowed by the policy (nodePools.machineTypes: "
                        + limits.machineTypes() + ")");
            }
            int zones = p.nodeLocations() == null || p.nodeLocations().isEmpty() ? 1 : p.nodeLocations().size();
            nodes(f + ".nodeCount", p.nodeCount(), zones, limits.maxNodes());
            if (p.autoscaling() != null) {
                nodes(f + ".autoscaling.maxNodeCount", p.autoscaling().maxNodeCount(), zones, limits.maxNodes());
                nodes(f + ".autoscaling.totalMaxNodeCount", p.autoscaling().totalMaxNodeCount(), 1, limits.maxNodes());
            }
            if (p.diskSizeGb() != null && p.diskSizeGb() > limits.maxDiskSizeGb()) {
                error(f + ".diskSizeGb", p.diskSizeGb() + " GB is more than the policy allows (nodePools.maxDiskSizeGb: "
                        + limits.maxDiskSizeGb() + ")");
            }
        }
    }

    private void nodes(String field, Integer perZone, int zones, int max) {
        if (perZone != null && (long) perZone * zones > max) {
            error(field, perZone + (zones > 1 ? " nodes in each of " + zones + " zones" : " nodes")
                    + " is more than the policy allows (nodePools.maxNodes: " + max + ")");
        }
    }

    private void verification(VerificationSpec v) {
        Policy.Verification bounds = policy.verification();
        if (v.load() != null) {
            if (v.load().requests() > bounds.maxLoadRequests()) {
                error("verification.load.requests", v.load().requests() + " requests is more than the policy allows "
                        + "(verification.maxLoadRequests: " + bounds.maxLoadRequests() + ")");
            }
            if (v.load().concurrency() > bounds.maxLoadConcurrency()) {
                error("verification.load.concurrency", v.load().concurrency() + " is more than the policy allows "
                        + "(verification.maxLoadConcurrency: " + bounds.maxLoadConcurrency() + ")");
            }
        }
        if (v.url() != null) {
            String host;
            try {
                host = URI.create(v.url()).getHost();
            } catch (IllegalArgumentException e) {
                return; // the validator reports a malformed URL
            }
            if (host != null && !bounds.allowsHost(host)) {
                error("verification.url", "host '" + host + "' is not allowed by the policy (verification.allowedHosts: "
                        + bounds.allowedHosts() + "); use verification.gateway for the Gateway's address");
            }
        }
    }

    private void error(String field, String message) {
        errors.add(new ValidationError(stackFile, 0, label, field, message));
    }
}
