package dev.stackagent.deploy;

import static dev.stackagent.deploy.ApiPermission.cluster;
import static dev.stackagent.deploy.ApiPermission.inAgentNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.stackagent.testing.RequestLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * Least privilege, checked: the agent's core flows run against the Kubernetes test server, every
 * request is recorded and mapped to the permission the API server would check, a short explicit
 * list adds what cannot run here, and the Role and ClusterRoles rendered from {@code deploy/} must
 * grant all of it and nothing more ({@code *} included).
 */
@EnableKubernetesMockClient(crud = true)
class RbacTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @org.junit.jupiter.api.BeforeEach
    void simulateApiServer() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
    }

    /** Calls made by code this test does not run: none left; kept as the place to list one. */
    static final Set<ApiPermission> NOT_RUN_HERE = Set.of();

    /** What a permission comparison found. */
    record Audit(Set<ApiPermission> missing, Set<ApiPermission> excess) {
    }

    @Test
    void theRenderedRolesGrantExactlyWhatTheAgentCalls() throws Exception {
        Set<ApiPermission> requests = recordCoreFlows();
        Set<ApiPermission> recorded = new TreeSet<>();
        requests.forEach(p -> recorded.add(p.anyName()));
        assertThat(recorded).as("the flows ran: created, patched, pruned, slept, checked")
                .contains(cluster("serving.kserve.io", "llminferenceservices", "patch"), cluster("", "secrets", "delete"),
                        cluster("", "secrets", "get"), cluster("", "pods", "list"), cluster("", "nodes", "list"),
                        cluster("apps", "deployments", "get"), cluster("", "events", "create"),
                        cluster("", "namespaces", "patch"), cluster("", "secrets", "patch"), inAgentNamespace("", "configmaps", "list"));
        assertThat(requests).as("the Secrets read: the copy's source and target, the out-of-band token preflight checks")
                .contains(cluster("", "secrets", "get").named("redhat-pull-secret"), cluster("", "secrets", "get").named("hf-token"),
                        cluster("", "secrets", "patch").named("redhat-pull-secret"), cluster("", "secrets", "delete").named("redhat-pull-secret"));
        Set<ApiPermission> needed = new HashSet<>(requests);
        needed.addAll(NOT_RUN_HERE);

        Audit audit = audit(needed, RbacGrants.of(Manifests.render("deploy/overlays/gke"), "stack-agent", "stack-agent"));

        assertThat(audit.missing()).as("called by the agent but not granted").isEmpty();
        assertThat(audit.excess()).as("granted but never called").isEmpty();
    }

    @Test
    void noRuleUsesAWildcard() {
        Manifests.Rendered r = Manifests.render("deploy/overlays/gke");
        Stream.concat(r.ofKind("Role").stream(), r.ofKind("ClusterRole").stream()).forEach(role ->
                assertThat(role.path("rules").toString()).as(role.path("metadata").path("name").asText()).doesNotContain("\"*\""));
    }

    @Test
    void theAuditReportsAMissingAndAnExcessGrant() {
        Set<ApiPermission> needed = Set.of(cluster("", "secrets", "get"), inAgentNamespace("", "configmaps", "list"));
        Set<ApiPermission> granted = Set.of(cluster("", "secrets", "get"), cluster("", "secrets", "list"));

        Audit audit = audit(needed, granted);

        assertThat(audit.missing()).containsExactly(inAgentNamespace("", "configmaps", "list"));
        assertThat(audit.excess()).containsExactly(cluster("", "secrets", "list"));
    }

    @Test
    void requestsMapToTheVerbsTheApiServerChecks() {
        String ns = "stack-agent";
        assertThat(ApiPermission.of("GET", "/api/v1/namespaces/llm/secrets/pull", ns)).contains(cluster("", "secrets", "get"));
        assertThat(ApiPermission.of("GET", "/api/v1/namespaces/stack-agent/configmaps?labelSelector=a%3Db", ns))
                .contains(inAgentNamespace("", "configmaps", "list"));
        assertThat(ApiPermission.of("GET", "/apis/serving.kserve.io/v1alpha1/llminferenceservices?watch=true", ns))
                .contains(cluster("serving.kserve.io", "llminferenceservices", "watch"));
        assertThat(ApiPermission.of("POST", "/api/v1/namespaces", ns)).contains(cluster("", "namespaces", "create"));
        assertThat(ApiPermission.of("DELETE", "/api/v1/namespaces/llm", ns)).contains(cluster("", "namespaces", "delete"));
        assertThat(ApiPermission.of("PUT", "/apis/stack-agent.dev/v1alpha1/namespaces/stack-agent/stacks/demo/status", ns))
                .contains(inAgentNamespace("stack-agent.dev", "stacks/status", "update"));
        assertThat(ApiPermission.of("PATCH", "/apis/networking.k8s.io/v1/namespaces/llm/networkpolicies/p", ns))
                .contains(cluster("networking.k8s.io", "networkpolicies", "patch"));
        assertThat(ApiPermission.of("GET", "/apis/serving.kserve.io/v1alpha1", ns)).isEmpty();
    }

    @Test
    void resourceNamesGrantOnlyTheNamedObjectsAndNeverCreate() {
        ApiPermission getPull = cluster("", "secrets", "get").named("redhat-pull-secret");
        Set<ApiPermission> granted = Set.of(getPull, cluster("", "secrets", "create").named("redhat-pull-secret"));
        Set<ApiPermission> needed = Set.of(getPull, cluster("", "secrets", "get").named("stack-agent-git"), cluster("", "secrets", "create"));

        Audit audit = audit(needed, granted);

        assertThat(audit.missing()).containsExactlyInAnyOrder(cluster("", "secrets", "get").named("stack-agent-git"),
                cluster("", "secrets", "create"));
        assertThat(audit.excess()).as("a named create grants nothing").containsExactly(cluster("", "secrets", "create").named("redhat-pull-secret"));
        assertThat(audit(Set.of(getPull), Set.of(cluster("", "secrets", "get"))).missing()).as("a rule without names grants every name").isEmpty();
        assertThat(ApiPermission.ofRequest("GET", "/api/v1/namespaces/llm/secrets/hf-token", "stack-agent"))
                .contains(cluster("", "secrets", "get").named("hf-token"));
        assertThat(ApiPermission.ofRequest("POST", "/api/v1/namespaces/llm/secrets", "stack-agent")).contains(cluster("", "secrets", "create"));
    }

    @Test
    void theRenderedRoleReadsAndWritesSecretsOnlyByName() {
        Set<ApiPermission> granted = RbacGrants.of(Manifests.render("deploy/overlays/gke"), "stack-agent", "stack-agent");

        assertThat(granted.stream().filter(p -> p.resource().equals("secrets")))
                .containsExactlyInAnyOrder(cluster("", "secrets", "get").named("redhat-pull-secret"), cluster("", "secrets", "get").named("hf-token"),
                        cluster("", "secrets", "patch").named("redhat-pull-secret"), cluster("", "secrets", "delete").named("redhat-pull-secret"),
                        cluster("", "secrets", "create"));
        assertThat(granted).as("the agent's own Secrets (Git token, webhook secrets, API token) are mounted, never read through the API")
                .noneMatch(p -> p.resource().equals("secrets") && p.name() != null && p.name().startsWith("stack-agent"));
    }

    /**
     * Needed permissions in the agent namespace are covered by the Role or a ClusterRole; the others
     * only by a ClusterRole. A grant covers a request when it names no object or the request's
     * ({@link ApiPermission#grants}). Excess: a ClusterRole grant that covers nothing needed
     * cluster-wide, or a Role grant that covers nothing needed or only what a ClusterRole already gives.
     */
    static Audit audit(Set<ApiPermission> needed, Set<ApiPermission> granted) {
        Set<ApiPermission> clusterNeeded = new TreeSet<>();
        needed.stream().filter(p -> !p.agentNamespaceOnly()).forEach(clusterNeeded::add);
        Set<ApiPermission> clusterGranted = new TreeSet<>();
        granted.stream().filter(g -> !g.agentNamespaceOnly()).forEach(clusterGranted::add);
        Set<ApiPermission> namespaceNeeded = new TreeSet<>();
        needed.stream().filter(p -> p.agentNamespaceOnly() && !clusterNeeded.contains(p.clusterWide())
                && !coveredBy(clusterGranted, p.clusterWide())).forEach(namespaceNeeded::add);
        Set<ApiPermission> missing = new TreeSet<>();
        clusterNeeded.stream().filter(p -> !coveredBy(clusterGranted, p)).forEach(missing::add);
        namespaceNeeded.stream().filter(p -> !coveredBy(granted, p)).forEach(missing::add);
        Set<ApiPermission> excess = new TreeSet<>();
        granted.stream().filter(g -> (g.agentNamespaceOnly() ? namespaceNeeded : clusterNeeded).stream().noneMatch(g::grants))
                .forEach(excess::add);
        return new Audit(missing, excess);
    }

    private static boolean coveredBy(Set<ApiPermission> grants, ApiPermission request) {
        return grants.stream().anyMatch(g -> g.grants(request));
    }

    /** The Stack resources written from the flows' results, leader election, the leader's pod label, the watches and the watch cache. */
    private void triggerFlows(CoreFlows flows) {
        var writer = new dev.stackagent.crd.StackResourceWriter(client, CoreFlows.AGENT_NS, "https://git.example/stacks.git",
                dev.stackagent.crd.StackHealthLookup.none());
        var stack = CoreFlows.stack(2, true);
        flows.results.forEach(r -> writer.synced(r.stack().equals("demo") && r.changes().count(dev.stackagent.apply.ChangeSet.Result.PRUNED) > 0
                && r.drift().stream().noneMatch(d -> d.action() == dev.stackagent.diff.Action.CREATE || d.action() == dev.stackagent.diff.Action.UPDATE
                        || d.action() == dev.stackagent.diff.Action.UNCHANGED) ? null : stack, r));
        var leadership = new dev.stackagent.triggers.Leadership(client, new dev.stackagent.triggers.Leadership.Settings(true, CoreFlows.AGENT_NS,
                "stack-agent-leader", "agent-0", java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(1500),
                java.time.Duration.ofMillis(200)), () -> { }, () -> { });
        leadership.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(leadership::isLeader);
        var label = new dev.stackagent.triggers.LeaderPodLabel(client, CoreFlows.AGENT_NS, java.util.Optional.of("stack-agent-0"));
        label.mark();
        label.unmark();
        leadership.close();
        var watcher = new dev.stackagent.triggers.ManagedObjectWatcher(client, List.of(
                new dev.stackagent.triggers.WatchedKind("v1", "Namespace"), new dev.stackagent.triggers.WatchedKind("v1", "ServiceAccount"),
                new dev.stackagent.triggers.WatchedKind("v1", "ConfigMap"),
                new dev.stackagent.triggers.WatchedKind("networking.k8s.io/v1", "NetworkPolicy"),
                new dev.stackagent.triggers.WatchedKind("serving.kserve.io/v1alpha1", "LLMInferenceService")),
                s -> { }, new dev.stackagent.triggers.OwnWrites());
        watcher.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> watcher.synced() && watcher.watching());
        watcher.close();
        var requests = new dev.stackagent.triggers.StackRequestWatcher(client, CoreFlows.AGENT_NS, s -> { }, java.time.Clock.systemUTC(),
                () -> java.time.Duration.ofHours(12));
        requests.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(requests::synced);
        requests.close();
        // the reads served from cache: every Namespace, the agent's own ConfigMaps
        var cache = new dev.stackagent.cache.WatchCache(client, CoreFlows.AGENT_NS, new dev.stackagent.triggers.OwnWrites());
        cache.start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(cache::ready);
        cache.close();
    }

    /** Every request of the flows as the permission it needs, on the object it names. */
    private Set<ApiPermission> recordCoreFlows() throws InterruptedException {
        RequestLog log = new RequestLog(server);
        List<String> requests;
        try (CoreFlows flows = new CoreFlows(client, new SimpleMeterRegistry(), "c2VjcmV0LXYx", "c2VjcmV0LXYy")) {
            dev.stackagent.testing.TestCrds.installStack(client);
            client.pods().inNamespace(CoreFlows.AGENT_NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                    .withName("stack-agent-0").withNamespace(CoreFlows.AGENT_NS).endMetadata().build()).create();
            log.clear();
            flows.run();
            triggerFlows(flows);
            requests = log.drain();
        }
        Set<ApiPermission> out = new TreeSet<>();
        for (String r : requests) {
            int space = r.indexOf(' ');
            ApiPermission.ofRequest(r.substring(0, space), r.substring(space + 1), CoreFlows.AGENT_NS).ifPresent(out::add);
        }
        return out;
    }
}
