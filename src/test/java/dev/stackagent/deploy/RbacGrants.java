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

    static List<ApiPermission> expand(ObjectNode role, boolean agentNamespaceOnly) {
        List<ApiPermission> out = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            if (rule.has("nonResourceURLs") || rule.has("resourceNames")) {
                throw new AssertionError("unexpected rule shape (nonResourceURLs/resourceNames): " + rule);
            }
            for (JsonNode g : rule.path("apiGroups")) {
                for (JsonNode res : rule.path("resources")) {
                    for (JsonNode v : rule.path("verbs")) {
                        out.add(new ApiPermission(g.asText(), res.asText(), v.asText(), agentNamespaceOnly));
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
