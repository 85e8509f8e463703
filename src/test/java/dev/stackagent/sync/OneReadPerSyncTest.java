package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * One read per sync, counted: a sync of the seed stack (config-repo-template) reads the cluster
 * once — at most one {@code listNodePools}, and no object it already read (by its LIST, or its GET
 * for Secrets) is read again, by the schedule, the plan, the node pools, the health or the model check.
 * The dry-run pass before a stack's writes (one extra request per create or patch) adds no request
 * here: the counted sync is in step with Git, so it sends no dry run and no write; it reads nothing
 * more either (the dry run answers with the object, nothing is re-read).
 */
@EnableKubernetesMockClient(crud = true)
class OneReadPerSyncTest {
    /** A Wednesday, 10:00 in Amsterdam: the seed stack is awake. */
    static final Instant DAY = Instant.parse("2026-12-02T09:00:00Z");

    KubernetesClient client;
    KubernetesMockServer server;
    FakeClusterManager gke;
    StackSync sync;
    Stack seed;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        for (String ns : List.of("stack-agent", "istio-system")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret")
                .endMetadata().withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson", "e30=").build()).create();
        DesiredState state = StackLoader.load("rev1", StackLoader.readRepository(Path.of("config-repo-template")), LoadRules.defaults());
        assertThat(state.errors()).isEmpty();
        seed = state.stacks().get(0);
        gke = new FakeClusterManager().start().addCluster(seed.config().cluster()).pollsToDone(1);
        NodePools pools = new GkeNodePools(gke.client(), new KubernetesNodeCounter(client), new SimpleMeterRegistry(),
                new OperationPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(1), 5, Duration.ofMinutes(1)), d -> { });
        sync = new StackSync(SyncParts.of(client, "stack-agent", pools, EventRecorder.NONE), Clock.fixed(DAY, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gke.close();
    }

    @Test
    void aSyncOfTheSeedStackReadsEachObjectOnceAndListsNodePoolsOnce() {
        SyncResult first = sync.sync(seed, "rev1");
        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(SyncStatus.Synced);
        assertThat(gke.methods()).contains("createNodePool");
        InventoryStore inventories = new InventoryStore(client, "stack-agent");
        assertThat(inventories.read(seed.name()).nodePools()).as("the pool it created is the stack's").containsExactly("tpu-v6e-pool");
        assertThat(inventories.holders()).containsEntry("nodepool/tpu-v6e-pool", seed.name())
                .containsEntry("/Namespace//llm-d-inference-scheduling", seed.name());
        for (int i = 0; i < 5 && sync.sync(seed, "rev1").changes().entries().stream()
                .anyMatch(e -> !e.result().name().equals("UNCHANGED")); i++) {
            // the schedule's wake steps on a fresh cluster settle first
        }
        RequestLog requests = new RequestLog(server);
        requests.clear();
        gke.clearCalls();

        SyncResult second = sync.sync(seed, "rev1");
        List<String> reads = requests.drain().stream().filter(r -> r.startsWith("GET ")).map(r -> r.substring(4)).toList();

        assertThat(second.status()).isEqualTo(SyncStatus.Synced);
        assertThat(second.changes().entries()).as(String.valueOf(second.changes().entries()))
                .allSatisfy(e -> assertThat(e.result().name()).isEqualTo("UNCHANGED"));
        assertThat(gke.methods().stream().filter("listNodePools"::equals)).as("GKE calls " + gke.methods()).hasSize(1);
        Map<String, Integer> perPath = new HashMap<>();
        reads.forEach(r -> perPath.merge(r.split("\\?")[0], 1, Integer::sum));
        assertThat(perPath).as("every request is made once: " + reads).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        // objects the LISTs already returned are never fetched by name
        String listed = "/apis/networking.k8s.io/v1/namespaces/llm-d-inference-scheduling/networkpolicies";
        assertThat(perPath).containsKey(listed);
        assertThat(perPath.keySet()).as("no GET by name under " + listed).noneMatch(p -> p.startsWith(listed + "/"));
        // the model is read once, by the snapshot, though the schedule, the health and the model check all look at it
        assertThat(perPath).containsEntry(
                "/apis/serving.kserve.io/v1alpha1/namespaces/llm-d-inference-scheduling/llminferenceservices/qwen2-3b-pattern1", 1);
    }
}
