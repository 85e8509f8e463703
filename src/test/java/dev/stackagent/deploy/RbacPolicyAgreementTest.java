package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.policy.Policy;

/**
 * The ClusterRole {@code stack-agent} and the policy's kind allow-list agree: for every kind the
 * policy allows (plus Namespaces, governed by the policy's {@code namespaces}) the role grants
 * exactly the agent's apply verbs, and it grants no write on any other kind. Checked for the
 * built-in defaults against {@code deploy/base}, and for the policy each overlay renders against
 * that overlay's role, so neither can be widened alone (an overlay that adds a kind patches both).
 */
class RbacPolicyAgreementTest {
    /** The agent's four calls on a stack's objects: read one, create, JSON Patch, prune. */
    static final Set<String> APPLY_VERBS = Set.of("get", "create", "patch", "delete");
    static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection", "escalate", "bind",
            "impersonate", "approve", "sign");
    /** The agent's own writes cluster-wide that are no stack's kind: one Event per changed object. */
    static final Set<ApiPermission> AGENT_OWN_WRITES = Set.of(ApiPermission.cluster("", "events", "create"));

    /** The resource (plural) of each kind a stack may hold; a kind missing here fails the test, to be mapped. */
    static final Map<Policy.GroupKind, String> RESOURCES = Map.of(
            new Policy.GroupKind("", "Namespace"), "namespaces",
            new Policy.GroupKind("", "ServiceAccount"), "serviceaccounts",
            new Policy.GroupKind("", "ConfigMap"), "configmaps",
            new Policy.GroupKind("", "Secret"), "secrets",
            new Policy.GroupKind("networking.k8s.io", "NetworkPolicy"), "networkpolicies",
            new Policy.GroupKind("serving.kserve.io", "LLMInferenceService"), "llminferenceservices");

    /** A resource of the allow-list: (group, plural). */
    record Resource(String group, String resource) implements Comparable<Resource> {
        @Override
        public int compareTo(Resource o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }

    static Set<Resource> allowList(Policy policy) {
        Set<Resource> out = new TreeSet<>();
        List<Policy.GroupKind> kinds = new ArrayList<>(policy.kinds());
        kinds.add(new Policy.GroupKind("", "Namespace"));
        for (Policy.GroupKind k : kinds) {
            String resource = RESOURCES.get(k);
            assertThat(resource).as("resource of " + k + ": map it in RbacPolicyAgreementTest.RESOURCES").isNotNull();
            out.add(new Resource(k.group(), resource));
        }
        return out;
    }

    /** The verbs the ClusterRole grants per resource, any object or named ones alike. */
    static Map<Resource, Set<String>> verbs(List<ApiPermission> grants) {
        return grants.stream().collect(Collectors.groupingBy(p -> new Resource(p.group(), p.resource()), TreeMap::new,
                Collectors.mapping(ApiPermission::verb, Collectors.toCollection(TreeSet::new))));
    }

    static List<ApiPermission> clusterRole(Manifests.Rendered r) {
        ObjectNode role = r.one("ClusterRole", "stack-agent");
        return RbacGrants.expand(role, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults deploy/base", "shipped deploy/base", "shipped deploy/overlays/gke"})
    void theClusterRoleGrantsExactlyTheApplyVerbsOnEveryAllowedKind(String which) {
        Manifests.Rendered r = Manifests.render(which.substring(which.indexOf(' ') + 1));
        Policy policy = which.startsWith("defaults") ? Policy.defaults() : ShippedPolicyTest.shippedPolicy(r);
        Map<Resource, Set<String>> granted = verbs(clusterRole(r));

        for (Resource res : allowList(policy)) {
            assertThat(granted.get(res)).as("ClusterRole stack-agent verbs on " + res + " (allowed by the " + which + " policy)")
                    .isNotNull().containsExactlyInAnyOrderElementsOf(APPLY_VERBS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults deploy/base", "shipped deploy/base", "shipped deploy/overlays/gke"})
    void noClusterRoleOfTheAgentWritesAKindThePolicyDoesNotAllow(String which) {
        Manifests.Rendered r = Manifests.render(which.substring(which.indexOf(' ') + 1));
        Policy policy = which.startsWith("defaults") ? Policy.defaults() : ShippedPolicyTest.shippedPolicy(r);
        Set<Resource> allowed = allowList(policy);

        List<ApiPermission> grants = new ArrayList<>();
        r.ofKind("ClusterRole").forEach(role -> grants.addAll(RbacGrants.expand(role, false)));

        assertThat(writesOutside(allowed, grants)).as("cluster-wide writes on kinds outside the " + which + " policy's allow-list").isEmpty();
    }

    @Test
    void theBasePolicyAllowsTheSameKindsAsTheDefaults() {
        Policy shipped = ShippedPolicyTest.shippedPolicy(Manifests.render("deploy/base"));

        assertThat(allowList(shipped)).isEqualTo(allowList(Policy.defaults()));
    }

    @Test
    void theAgreementCheckCatchesAKindAddedToOnlyOneSide() {
        Manifests.Rendered r = Manifests.render("deploy/overlays/gke");
        Policy wider = new Policy(Policy.API_VERSION, Policy.KIND, List.of(new Policy.GroupKind("", "ConfigMap"),
                new Policy.GroupKind("", "ServiceAccount"), new Policy.GroupKind("", "Secret"),
                new Policy.GroupKind("networking.k8s.io", "NetworkPolicy"), new Policy.GroupKind("serving.kserve.io", "LLMInferenceService"),
                new Policy.GroupKind("apps", "Deployment")), null, null, null, null, null, null);
        Map<Resource, Set<String>> granted = verbs(clusterRole(r));

        // policy wider than RBAC: Deployments allowed but the role only reads them (preflight)
        Set<Resource> policyOnly = new TreeSet<>();
        for (Policy.GroupKind k : wider.kinds()) {
            String res = k.kind().equals("Deployment") ? "deployments" : RESOURCES.get(k);
            Resource resource = new Resource(k.group(), res);
            if (!APPLY_VERBS.equals(granted.get(resource))) policyOnly.add(resource);
        }
        assertThat(policyOnly).containsExactly(new Resource("apps", "deployments"));

        // RBAC wider than the policy: a write on a kind the policy does not allow is found
        List<ApiPermission> extra = new ArrayList<>(clusterRole(r));
        extra.add(ApiPermission.cluster("rbac.authorization.k8s.io", "rolebindings", "create"));
        Set<Resource> allowed = allowList(Policy.defaults());
        assertThat(writesOutside(allowed, extra)).containsExactly(ApiPermission.cluster("rbac.authorization.k8s.io", "rolebindings", "create"));
    }

    /** Write grants on kinds outside {@code allowed}, except the agent's own Events. */
    static List<ApiPermission> writesOutside(Set<Resource> allowed, List<ApiPermission> grants) {
        return grants.stream().filter(p -> WRITE_VERBS.contains(p.verb()) && !allowed.contains(new Resource(p.group(), p.resource()))
                && !AGENT_OWN_WRITES.contains(p.anyName())).toList();
    }
}
