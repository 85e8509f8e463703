package dev.stackagent.e2e;

import static dev.stackagent.e2e.ConfigRepoServer.DIR;
import static dev.stackagent.e2e.ConfigRepoServer.STACK;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.plan.Ownership;
import dev.stackagent.sync.Agent;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * The whole loop as a user lives it: the seed's stack from {@code config-repo-template} in a real
 * git server, the agent on the Kubernetes test server and a fake GKE. Commits land, out-of-band
 * edits are undone, removed files are pruned, a bad commit is rejected with the cluster unchanged,
 * KServe's objects are left alone, and {@code GET /api/v1/stacks} tells on-call what happened.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApiServerSimulation.Setup.class) // dryRun/fieldValidation simulated
@QuarkusTestResource(value = ConfigRepoServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentEndToEndTest {
    static final String NS = "llm-d-inference-scheduling";

    @Inject
    Agent agent;
    @Inject
    KubernetesClient client;

    @BeforeAll
    static void clusterPrerequisites() {
        // installed by the operators in a real cluster; done once per class through the injected client in the first test
    }

    void prerequisites() {
        TestCrds.installLlmInferenceService(client);
        TestCrds.installHttpRoute(client);
        TestCrds.installStack(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build())
                .createOr(r -> r.update());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret")
                .endMetadata().withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson", "e30=").build())
                .createOr(r -> r.update());
    }

    SyncResult refreshAndSync() {
        List<String> changed = agent.refresh();
        SyncResult last = null;
        for (String stack : changed.isEmpty() ? List.copyOf(agent.stackNames()) : changed) {
            last = agent.sync(stack);
        }
        return last;
    }

    GenericKubernetesResource service() {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(NS).withName(STACK).get();
    }

    /** The Events on the Stack resource with {@code reason}, as {@code kubectl describe stack} lists them. */
    List<io.fabric8.kubernetes.api.model.Event> stackEvents(String reason) {
        return client.v1().events().inNamespace("stack-agent").list().getItems().stream()
                .filter(e -> "Stack".equals(e.getInvolvedObject().getKind()) && STACK.equals(e.getInvolvedObject().getName())
                        && reason.equals(e.getReason()) && "stack-agent".equals(e.getSource().getComponent()))
                .toList();
    }

    static String commit(Map<String, String> files, String message) throws Exception {
        return ConfigRepoServer.repo.commit(files, message);
    }

    @Test
    @Order(1)
    void initialCommitCreatesTheSeedStackAndItsTpuPool() {
        prerequisites();

        SyncResult r = refreshAndSync();

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(r.changes().count(ChangeSet.Result.CREATED)).isEqualTo(6);
        assertThat(service().getMetadata().getLabels()).containsEntry(Ownership.MANAGED_BY, "stack-agent");
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).list().getItems()).hasSize(3);
        assertThat(client.secrets().inNamespace(NS).withName("redhat-pull-secret").get()).isNotNull();
        assertThat(ConfigRepoServer.gke.pool("tpu-v6e-pool").getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
        given().when().get("/api/v1/stacks").then().statusCode(200)
                .body("[0].stack", equalTo(STACK))
                .body("[0].sync", equalTo("Synced"))
                .body("[0].revision", equalTo(agent.revision().orElseThrow()));
        // kubectl describe stack: one Synced Event summing the sync up; no Event per object (stack-agent.events.per-object is off)
        assertThat(stackEvents("Synced")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith("applied 6 created, 0 configured, 0 pruned").endsWith(" at " + r.revision().substring(0, 12)));
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).as("no per-object Events by default").isEmpty();
        // kubectl get stacks -A: the Stack resource is the window onto Git
        GenericKubernetesResource stackResource = client.genericKubernetesResources("stack-agent.dev/v1alpha1", "Stack")
                .inNamespace("stack-agent").withName(STACK).get();
        assertThat(stackResource).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> stackStatus = (Map<String, Object>) stackResource.getAdditionalProperties().get("status");
        assertThat(stackStatus).containsEntry("sync", "Synced")
                .containsEntry("revision", agent.revision().orElseThrow());
    }

    @Test
    @Order(2)
    void aCommittedChangeLands() throws Exception {
        String llmisvc = ConfigRepoServer.read(DIR + "manifests/llminferenceservice.yaml").replace("replicas: 1", "replicas: 2");
        String sha = commit(Map.of(DIR + "manifests/llminferenceservice.yaml", llmisvc), "two replicas");

        SyncResult r = refreshAndSync();

        assertThat(r.revision()).isEqualTo(sha);
        assertThat(r.changes().entries()).filteredOn(e -> e.result() == ChangeSet.Result.CONFIGURED).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsExactly("/spec/replicas"));
        assertThat(stackEvents("Synced")).extracting(e -> e.getMessage())
                .contains("applied 0 created, 1 configured, 0 pruned at " + sha.substring(0, 12));
        assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(2);
        ConfigRepoServer.gke.clearCalls();
        assertThat(refreshAndSync().pools()).allMatch(p -> p.kind().name().equals("UNCHANGED"));
        assertThat(ConfigRepoServer.gke.mutatingCalls()).as("GKE in sync: no mutating call").isEmpty();
    }

    @Test
    @Order(3)
    void anOutOfBandEditIsUndoneAtTheNextReconcile() {
        NetworkPolicy np = client.network().v1().networkPolicies().inNamespace(NS).withName("allow-vllm-egress").get();
        np.getSpec().setPolicyTypes(List.of("Ingress"));
        client.resource(np).update();

        SyncResult r = refreshAndSync();

        assertThat(r.changes().entries()).filteredOn(e -> e.result() == ChangeSet.Result.CONFIGURED)
                .extracting(e -> e.ref().name()).containsExactly("allow-vllm-egress");
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("allow-vllm-egress").get().getSpec().getPolicyTypes())
                .containsExactly("Egress");
    }

    @Test
    @Order(4)
    void aFileRemovedFromGitIsPruned() throws Exception {
        Map<String, String> remove = new HashMap<>();
        remove.put(DIR + "manifests/networkpolicies/allow-vllm-egress.yaml", null);
        commit(remove, "drop the open egress policy");

        SyncResult r = refreshAndSync();

        assertThat(r.changes().entries()).filteredOn(e -> e.result() == ChangeSet.Result.PRUNED)
                .extracting(e -> e.ref().name()).containsExactly("allow-vllm-egress");
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("allow-vllm-egress").get()).isNull();
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).list().getItems()).hasSize(2);
    }

    @Test
    @Order(5)
    void anInvalidCommitIsRejectedTheClusterIsUnchangedAndStatusShowsTheError() throws Exception {
        String before = agent.revision().orElseThrow();
        String stackYaml = ConfigRepoServer.templateWithoutSchedule().get(DIR + "stack.yaml")
                .replace("maxNodeCount: 3", "maxNodeCont: 3");
        String llmisvc = ConfigRepoServer.read(DIR + "manifests/llminferenceservice.yaml").replace("replicas: 1", "replicas: 5");
        String bad = commit(Map.of(DIR + "stack.yaml", stackYaml, DIR + "manifests/llminferenceservice.yaml", llmisvc), "typo");

        SyncResult r = refreshAndSync();

        assertThat(agent.revision()).contains(bad);
        assertThat(r.revision()).as("still applying the last good revision").isEqualTo(before);
        assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(2);
        given().when().get("/api/v1/stacks/" + STACK).then().statusCode(200)
                .body("sync", equalTo("Failed"))
                .body("revision", equalTo(before))
                .body("desiredRevision", equalTo(bad))
                .body("lastError", containsString("rejected"))
                .body("validationErrors", hasItem(containsString("stacks/qwen2-3b-pattern1/stack.yaml")))
                .body("validationErrors", hasItem(containsString("nodePools[0].autoscaling.maxNodeCont")));
        assertThat(stackEvents("ValidationFailed")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).startsWith("revision " + bad.substring(0, 12) + " rejected")
                    .containsPattern("stacks/qwen2-3b-pattern1/stack\\.yaml:\\d+: .*nodePools\\[0\\]\\.autoscaling\\.maxNodeCont");
        });
    }

    @Test
    @Order(6)
    void objectsOwnedByKServeAreNeverTouched() {
        GenericKubernetesResource route = new GenericKubernetesResource();
        route.setApiVersion("gateway.networking.k8s.io/v1");
        route.setKind("HTTPRoute");
        route.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(STACK + "-kserve-route").withNamespace(NS)
                .addNewOwnerReference().withApiVersion("serving.kserve.io/v1alpha1").withKind("LLMInferenceService").withName(STACK)
                .withUid("uid-1").withController(true).endOwnerReference().build());
        route.setAdditionalProperty("spec", Map.of("hostnames", List.of("kserve.example")));
        client.resource(route).create();
        String rv = client.resource(route).get().getMetadata().getResourceVersion();

        agent.syncAll();

        GenericKubernetesResource after = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(NS).withName(STACK + "-kserve-route").get();
        assertThat(after).isNotNull();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(rv);
    }

    @Test
    @Order(7)
    void fixingTheCommitAppliesIt() throws Exception {
        String fixed = commit(Map.of(DIR + "stack.yaml", ConfigRepoServer.templateWithoutSchedule().get(DIR + "stack.yaml")), "fix typo");

        SyncResult r = refreshAndSync();

        assertThat(r.revision()).isEqualTo(fixed);
        assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(5);
        given().when().get("/api/v1/stacks/" + STACK).then().body("sync", equalTo("Synced")).body("validationErrors.size()", equalTo(0));
    }
}
