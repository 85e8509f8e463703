package dev.stackagent.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The permissions the rendered manifests give the agent's ServiceAccount, through its bindings. */
final class RbacGrants {
    private RbacGrants() {
    }

    /** Every (group, resource, verb) bound to {@code namespace/serviceAccount}; a Role's only in the agent namespace. */
    static Set<ApiPermission> of(Manifests.Rendered r, String namespace, String serviceAccount) {
        Set<ApiPermission> out = new TreeSet<>();
        for (ObjectNode binding : r.objects()) {
            String kind = binding.path("kind").asText();
            if (!kind.equals("RoleBinding") && !kind.equals("ClusterRoleBinding") || !bindsTo(binding, namespace, serviceAccount)) {
                continue;
            }
            String roleKind = binding.path("roleRef").path("kind").asText();
            ObjectNode role = r.one(roleKind, binding.path("roleRef").path("name").asText());
            boolean namespaced = kind.equals("RoleBinding");
            if (namespaced && !binding.path("metadata").path("namespace").asText().equals(namespace)) {
                throw new AssertionError("RoleBinding outside the agent namespace: " + binding.path("metadata"));
            }
            out.addAll(expand(role, namespaced));
        }
        return out;
    }

    /**
     * One permission per group, resource and verb of each rule; a rule with {@code resourceNames}
     * gives one per name instead ({@link ApiPermission#named}), granting only requests on those objects.
     */
    static List<ApiPermission> expand(ObjectNode role, boolean agentNamespaceOnly) {
        List<ApiPermission> out = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            if (rule.has("nonResourceURLs")) {
                throw new AssertionError("unexpected rule shape (nonResourceURLs): " + rule);
            }
            List<String> names = new ArrayList<>();
            rule.path("resourceNames").forEach(n -> names.add(n.asText()));
            if (rule.has("resourceNames") && names.isEmpty()) {
                throw new AssertionError("empty resourceNames grant every object; leave the field out instead: " + rule);
            }
            for (JsonNode g : rule.path("apiGroups")) {
                for (JsonNode res : rule.path("resources")) {
                    for (JsonNode v : rule.path("verbs")) {
                        ApiPermission p = new ApiPermission(g.asText(), res.asText(), v.asText(), agentNamespaceOnly);
                        if (names.isEmpty()) {
                            out.add(p);
                        } else {
                            names.forEach(n -> out.add(p.named(n)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean bindsTo(ObjectNode binding, String namespace, String serviceAccount) {
        for (JsonNode s : binding.path("subjects")) {
            if (s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(serviceAccount)
                    && s.path("namespace").asText().equals(namespace)) {
                return true;
            }
        }
        return false;
    }
}
