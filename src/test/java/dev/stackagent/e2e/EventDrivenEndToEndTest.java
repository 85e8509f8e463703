package dev.stackagent.e2e;

import static dev.stackagent.e2e.ConfigRepoServer.DIR;
import static dev.stackagent.e2e.ConfigRepoServer.STACK;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.stackagent.sync.Agent;
import dev.stackagent.app.AgentRuntime;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * The running agent, driven by events only (polling and resync set to an hour): it leads, syncs at
 * start, undoes an out-of-band edit through its watch within seconds, applies a commit announced by
 * a signed GitHub webhook within seconds, and releases its Lease on shutdown.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApiServerSimulation.Setup.class) // dryRun/fieldValidation simulated
@QuarkusTestResource(value = EventDrivenServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventDrivenEndToEndTest {
    static final String NS = "llm-d-inference-scheduling";
    static final Duration ABOUT_A_SECOND = Duration.ofSeconds(5);

    @Inject
    AgentRuntime runtime;
    @Inject
    Agent agent;
    @Inject
    KubernetesClient client;
    @Inject
    Scheduler scheduler;

    List<String> jobs() {
        return scheduler.getScheduledJobs().stream().map(Trigger::getId).toList();
    }

    GenericKubernetesResource service() {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(NS).withName(STACK).get();
    }

    @Test
    @Order(1)
    void startsLeadingAndSyncsAtOnce() {
        TestCrds.installLlmInferenceService(client);
        for (String ns : List.of("istio-system", "stack-agent")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).createOr(r -> r.update());
        }
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret")
                .endMetadata().addToData(".dockerconfigjson", "e30=").build()).createOr(r -> r.update());

        assertThat(jobs()).as("nothing periodic before run starts the agent").isEmpty();
        runtime.start();
        assertThat(jobs()).containsExactlyInAnyOrder("stack-agent-git-poll", "stack-agent-resync", "stack-agent-gke-poll");

        await().atMost(Duration.ofSeconds(20)).until(() -> service() != null);
        await().atMost(Duration.ofSeconds(10)).until(runtime::leading);
        Lease lease = client.leases().inNamespace("stack-agent").withName("stack-agent-leader").get();
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
        // health: ready once the first Git sync is done and the API server answers; the loop is alive
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'stack-agent ready' }.data.firstGitSync", org.hamcrest.Matchers.equalTo(true)));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/started").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("stack_agent_syncs_total{result=\"Synced\",stack=\"" + STACK + "\"}"))
                .body(org.hamcrest.Matchers.containsString("stack_agent_revision_info{revision=")));
    }

    @Test
    @Order(2)
    void anOutOfBandEditIsUndoneByTheWatchInAboutASecond() {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.network().v1().networkPolicies().inNamespace(NS).list().getItems().size() == 3);
        NetworkPolicy np = client.network().v1().networkPolicies().inNamespace(NS).withName("allow-vllm-egress").get();
        np.getSpec().setPolicyTypes(List.of("Ingress"));
        client.resource(np).update();

        await().atMost(ABOUT_A_SECOND).untilAsserted(() -> assertThat(client.network().v1().networkPolicies().inNamespace(NS)
                .withName("allow-vllm-egress").get().getSpec().getPolicyTypes()).containsExactly("Egress"));
    }

    @Test
    @Order(3)
    void aSignedGitHubPushIsAppliedInAboutASecond() throws Exception {
        String llmisvc = ConfigRepoServer.read(DIR + "manifests/llminferenceservice.yaml").replace("replicas: 1", "replicas: 3");
        String sha = ConfigRepoServer.repo.commit(Map.of(DIR + "manifests/llminferenceservice.yaml", llmisvc), "three replicas");
        String body = """
                {"ref":"refs/heads/main","after":"%s","repository":{"clone_url":"%s","full_name":"acme/llm-stacks"}}"""
                .formatted(sha, ConfigRepoServer.daemon.url());

        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", sign(body)).contentType("application/json")
                .body(body).when().post("/api/v1/webhooks/github").then().statusCode(202);

        await().atMost(ABOUT_A_SECOND).untilAsserted(() -> {
            assertThat(agent.revision()).contains(sha);
            assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(3);
        });
    }

    /**
     * {@code stack-agent reconcile STACK --with-source}: a commit nobody announced (polling is off) is fetched and applied
     * because on-call asked through the Stack resource, and the agent records the request it handled.
     */
    @Test
    @Order(4)
    void reconcileWithSourceAnnotationFetchesAnUnannouncedCommitFirst() throws Exception {
        String llmisvc = ConfigRepoServer.read(DIR + "manifests/llminferenceservice.yaml").replace("replicas: 1", "replicas: 2");
        String sha = ConfigRepoServer.repo.commit(Map.of(DIR + "manifests/llminferenceservice.yaml", llmisvc), "two replicas, not announced");
        String requestedAt = "2026-12-02T07:40:00Z";

        client.resources(dev.stackagent.crd.StackResource.class).inNamespace("stack-agent").withName(STACK).edit(r -> {
            r.getMetadata().getAnnotations().put(dev.stackagent.triggers.StackAnnotations.RECONCILE_REQUESTED_AT, requestedAt);
            r.getMetadata().getAnnotations().put(dev.stackagent.triggers.StackAnnotations.RECONCILE_WITH_SOURCE, "true");
            return r;
        });

        await().atMost(ABOUT_A_SECOND.multipliedBy(2)).untilAsserted(() -> {
            assertThat(agent.revision()).contains(sha);
            assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(2);
            assertThat(client.resources(dev.stackagent.crd.StackResource.class).inNamespace("stack-agent").withName(STACK).get()
                    .getStatus().getLastHandledReconcileAt()).isEqualTo(requestedAt);
        });
    }

    @Test
    @Order(4)
    void aWronglySignedPushTriggersNothing() throws Exception {
        String before = agent.revision().orElseThrow();
        String llmisvc = ConfigRepoServer.read(DIR + "manifests/llminferenceservice.yaml").replace("replicas: 1", "replicas: 4");
        ConfigRepoServer.repo.commit(Map.of(DIR + "manifests/llminferenceservice.yaml", llmisvc), "four replicas");
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + ConfigRepoServer.daemon.url() + "\"}}";

        given().header("X-GitHub-Event", "push").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).contentType("application/json")
                .body(body).when().post("/api/v1/webhooks/github").then().statusCode(401);

        assertThat(agent.revision()).contains(before);
    }

    @Test
    @Order(4)
    void manualTriggersNeedTheBearerToken() {
        given().when().post("/api/v1/triggers/stacks/" + STACK).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").when().post("/api/v1/triggers/stacks/" + STACK).then().statusCode(401);
        given().header("Authorization", "Bearer " + EventDrivenServer.API_TOKEN).when().post("/api/v1/triggers/stacks/nope").then().statusCode(404);

        String before = given().when().get("/api/v1/stacks/" + STACK).then().extract().path("lastSyncTime");
        given().header("Authorization", "Bearer " + EventDrivenServer.API_TOKEN).when().post("/api/v1/triggers/refresh").then().statusCode(202);
        given().header("Authorization", "Bearer " + EventDrivenServer.API_TOKEN).when().post("/api/v1/triggers/stacks/" + STACK)
                .then().statusCode(202);

        await().atMost(ABOUT_A_SECOND).untilAsserted(() -> assertThat(
                given().when().get("/api/v1/stacks/" + STACK).then().extract().<String>path("lastSyncTime")).isNotEqualTo(before));
    }

    @Test
    @Order(5)
    void shutdownReleasesTheLease() {
        runtime.stop();

        assertThat(jobs()).isEmpty();
        Lease lease = client.leases().inNamespace("stack-agent").withName("stack-agent-leader").get();
        assertThat(lease.getSpec().getHolderIdentity()).isNullOrEmpty();
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(EventDrivenServer.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
