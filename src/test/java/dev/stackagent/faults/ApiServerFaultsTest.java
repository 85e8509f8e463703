package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * The API server answers 500, 429 or not at all on some requests.
 *
 * <p>How the faults are made: the fabric8 test server in CRUD mode answers a request from its
 * expectations first ({@code server.expect()...times(n)}, matched on method and exact path) and
 * falls back to CRUD once they are used up (see {@code KubernetesMixedDispatcher}), so a fault
 * is injected for n requests and the object store is left untouched by them. A delayed expectation
 * longer than the client's request timeout is a request that times out.
 *
 * <p>Who retries what: the fabric8 HTTP client retries 429, every 5xx and I/O errors itself
 * ({@code requestRetryBackoffLimit} times, exponential backoff from {@code requestRetryBackoffInterval};
 * the agent runs with fabric8's defaults, 10 and 100 ms); a request timeout is not retried by the
 * client and fails the sync; the next sync converges. The agent's client here has the same policy
 * with a 3-retry budget and a 5 ms interval so the test stays fast.
 */
@EnableKubernetesMockClient(crud = true)
class ApiServerFaultsTest {
    static final int RETRIES = 3;
    static final String CM = "/api/v1/namespaces/llm/configmaps/settings";
    static final String NP = "/apis/networking.k8s.io/v1/namespaces/llm/networkpolicies/allow-gateway";
    static final String NPS = "/apis/networking.k8s.io/v1/namespaces/llm/networkpolicies";
    static final String LLMIS = "/apis/serving.kserve.io/v1alpha1/namespaces/llm/llminferenceservices/qwen";
    static final String LLMISS = "/apis/serving.kserve.io/v1alpha1/namespaces/llm/llminferenceservices";

    KubernetesClient client;
    KubernetesMockServer server;

    KubernetesClient agentClient;
    StackSync sync;
    RequestLog requests;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        agentClient = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(RETRIES)
                .withRequestRetryBackoffInterval(5).withRequestTimeout(2_000).endConfig());
        sync = new StackSync(SyncParts.of(agentClient, "stack-agent", NodePools.notManaged(), EventRecorder.NONE),
                Clock.systemUTC());
        requests = new RequestLog(server);
    }

    @AfterEach
    void tearDown() {
        agentClient.close();
    }

    static Stack rev1() {
        return DemoStack.stack("2048", 1, "");
    }

    /** rev1 plus a ConfigMap that rev2 no longer has (so rev2 prunes it). */
    static Stack rev1WithOld() {
        Map<String, String> files = new java.util.HashMap<>(DemoStack.files("demo", "llm", "2048", 1, ""));
        files.put("stacks/demo/old.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: old
                data: {a: b}
                """);
        return DemoStack.load(files);
    }

    /** Every field rev1 sets changed, and old.yaml gone. */
    static Stack rev2() {
        return DemoStack.stack("4096", 2, "");
    }

    GenericKubernetesResource service() {
        return client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm").withName("qwen").get();
    }

    Object replicas() {
        return ((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas");
    }

    String maxModelLen() {
        return client.configMaps().inNamespace("llm").withName("settings").get().getData().get("maxModelLen");
    }

    int port() {
        return client.network().v1().networkPolicies().inNamespace("llm").withName("allow-gateway").get()
                .getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal();
    }

    void error(int code, String method, String path, int times) {
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"message\":\"injected " + code + "\"}";
        var expectation = switch (method) {
            case "GET" -> server.expect().get();
            case "POST" -> server.expect().post();
            case "PATCH" -> server.expect().patch();
            default -> throw new IllegalArgumentException(method);
        };
        expectation.withPath(real(method, path)).andReturn(code, status).times(times);
    }

    /** The path of the agent's real write (every create and patch is strict; the dry run before it is answered by the simulation). */
    static String real(String method, String path) {
        return method.equals("GET") ? path : path + "?fieldValidation=Strict";
    }

    void timeout(String method, String path) {
        var expectation = method.equals("GET") ? server.expect().get() : server.expect().patch();
        expectation.delay(6, TimeUnit.SECONDS).withPath(real(method, path)).andReturn(500, "too late").once();
    }

    /** How often {@code "METHOD path"} was sent for real (its dry run, with {@code dryRun=All}, is not counted). */
    static long count(List<String> requests, String request) {
        String method = request.substring(0, request.indexOf(' '));
        String real = method + " " + real(method, request.substring(request.indexOf(' ') + 1));
        return requests.stream().filter(r -> r.equals(real)).count();
    }

    @Test
    void transient500And429OnReadsAndCreatesAreRetriedAndTheFirstSyncConverges() {
        error(500, "GET", CM, 2);
        error(429, "POST", NPS, 2);
        error(503, "POST", LLMISS, 1);

        SyncResult r = sync.sync(rev1(), "rev1");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(r.changes().count(ChangeSet.Result.CREATED)).isEqualTo(4);
        List<String> seen = requests.drain();
        assertThat(count(seen, "GET " + CM)).as("two 500s, then the answer").isEqualTo(3);
        assertThat(count(seen, "POST " + NPS)).as("two 429s, then created").isEqualTo(3);
        assertThat(count(seen, "POST " + LLMISS)).isEqualTo(2);
        assertThat(client.network().v1().networkPolicies().inNamespace("llm").list().getItems()).hasSize(1);
        assertThat(client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm").list().getItems())
                .hasSize(1);
        assertThat(replicas()).isEqualTo(1);
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).hasSize(4);

        requests.clear();
        assertThat(sync.sync(rev1(), "rev1").drifted()).isZero();
        assertThat(requests.writes()).as("in sync: no write").isEmpty();
    }

    @Test
    void transient500OnAPatchIsRetriedAndTheChangeLandsOnce() {
        sync.sync(rev1(), "rev1");
        error(500, "PATCH", NP, RETRIES);
        requests.clear();

        SyncResult r = sync.sync(rev2(), "rev2");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(count(requests.drain(), "PATCH " + NP)).isEqualTo(RETRIES + 1);
        assertThat(port()).isEqualTo(8001);
        assertThat(maxModelLen()).isEqualTo("4096");
        assertThat(replicas()).isEqualTo(2);
    }

    @Test
    void a500ThatOutlastsTheRetriesStopsTheApplyMidWayPrunesNothingAndTheNextSyncConverges() {
        assertThat(sync.sync(rev1WithOld(), "rev1").status()).isEqualTo(SyncStatus.Synced);
        error(500, "PATCH", NP, RETRIES + 1);
        requests.clear();

        SyncResult failed = sync.sync(rev2(), "rev2");

        assertThat(failed.status()).isEqualTo(SyncStatus.Failed);
        assertThat(failed.error()).contains("NetworkPolicy").contains("allow-gateway").contains("HTTP 500");
        assertThat(maxModelLen()).as("applied before the failure, in kind order").isEqualTo("4096");
        assertThat(port()).as("the failed patch").isEqualTo(8000);
        assertThat(replicas()).as("after the failure: not applied").isEqualTo(1);
        assertThat(client.configMaps().inNamespace("llm").withName("old").get()).as("nothing pruned").isNotNull();
        // the dry run before the writes (dryRun=All) touches nothing; no real write reaches the objects after the failed one
        assertThat(requests.writes()).noneMatch(w -> w.startsWith("DELETE") || w.contains("llminferenceservices") && !w.contains("dryRun=All"));
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).extracting(o -> o.name()).contains("old");

        SyncResult next = sync.sync(rev2(), "rev2");

        assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo(SyncStatus.Synced);
        assertThat(port()).isEqualTo(8001);
        assertThat(replicas()).isEqualTo(2);
        assertThat(client.configMaps().inNamespace("llm").withName("old").get()).isNull();
        assertThat(next.changes().entries()).filteredOn(e -> e.result() == ChangeSet.Result.PRUNED)
                .extracting(e -> e.ref().name()).containsExactly("old");
    }

    @Test
    void aReadThatTimesOutFailsTheSyncBeforeAnyWriteAndAPatchThatTimesOutStopsTheApply() {
        sync.sync(rev1WithOld(), "rev1");
        timeout("GET", LLMIS);
        requests.clear();

        SyncResult readTimeout = sync.sync(rev2(), "rev2");

        assertThat(readTimeout.status()).isEqualTo(SyncStatus.Failed);
        assertThat(readTimeout.error()).contains("LLMInferenceService").contains("timeout");
        assertThat(requests.writes()).as("the live state was not fully read: nothing written").isEmpty();
        assertThat(maxModelLen()).isEqualTo("2048");

        timeout("PATCH", NP);
        SyncResult writeTimeout = sync.sync(rev2(), "rev2");

        assertThat(writeTimeout.status()).isEqualTo(SyncStatus.Failed);
        assertThat(writeTimeout.error()).contains("allow-gateway").contains("timeout");
        assertThat(replicas()).isEqualTo(1);
        assertThat(client.configMaps().inNamespace("llm").withName("old").get()).isNotNull();

        SyncResult next = sync.sync(rev2(), "rev2");

        assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo(SyncStatus.Synced);
        assertThat(maxModelLen()).isEqualTo("4096");
        assertThat(port()).isEqualTo(8001);
        assertThat(replicas()).isEqualTo(2);
        assertThat(client.configMaps().inNamespace("llm").withName("old").get()).isNull();
    }
}
