package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.gke.NodePools;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * Someone edits an object between the agent's read and its patch. The agent's patches are
 * conditional on the resourceVersion it read, so the API server answers 409.
 *
 * <p>How the race is made: an {@link Interceptor} on the agent's HTTP client runs the concurrent
 * edit (through a second client) just before the agent's PATCH leaves, so the PATCH carries a stale
 * resourceVersion and the CRUD test server answers 409 Conflict, as a real API server does.
 */
@EnableKubernetesMockClient(crud = true)
class ConflictTest {
    static final String CM = "/api/v1/namespaces/llm/configmaps/settings";

    KubernetesClient client;
    KubernetesMockServer server;

    /** How many of the agent's next PATCHes of the ConfigMap race with an edit. */
    final AtomicInteger racesLeft = new AtomicInteger();
    final AtomicInteger edits = new AtomicInteger();
    KubernetesClient agentClient;
    StackSync sync;
    RequestLog requests;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        Interceptor concurrentEditor = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                // the editor races the agent's real patch, not the dry run before it (which a 409 only skips)
                if (request.method().equals("PATCH") && request.uri().getPath().equals(CM) && !String.valueOf(request.uri().getQuery())
                        .contains("dryRun") && racesLeft.getAndDecrement() > 0) {
                    editBySomeoneElse();
                }
            }
        };
        agentClient = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("race", concurrentEditor)));
        sync = new StackSync(SyncParts.of(agentClient, "stack-agent", NodePools.notManaged(), EventRecorder.NONE),
                Clock.systemUTC());
        requests = new RequestLog(server);
    }

    @AfterEach
    void tearDown() {
        agentClient.close();
    }

    /** A person sets a label of their own and also changes the field Git manages. */
    void editBySomeoneElse() {
        int n = edits.incrementAndGet();
        ConfigMap cm = settings();
        cm.getMetadata().getLabels().put("edited-by", "someone-" + n);
        cm.getData().put("maxModelLen", "999");
        client.resource(cm).update(); // a PUT, so the PATCHes in the request log are the agent's

    }

    ConfigMap settings() {
        return client.configMaps().inNamespace("llm").withName("settings").get();
    }

    @Test
    void a409IsReReadAndRetriedAndGitsValueWinsWhileTheEditorsFieldIsKept() {
        sync.sync(DemoStack.stack("2048", 1, ""), "rev1");
        racesLeft.set(1);
        requests.clear();

        SyncResult r = sync.sync(DemoStack.stack("4096", 1, ""), "rev2");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(edits.get()).as("the race happened").isEqualTo(1);
        List<String> writes = requests.writes();
        assertThat(writes.stream().filter(w -> w.equals("PATCH " + CM + "?fieldValidation=Strict"))).as("409, then the re-read retry").hasSize(2);
        assertThat(r.changes().entries()).filteredOn(e -> e.ref().name().equals("settings")).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo(ChangeSet.Result.CONFIGURED));
        assertThat(settings().getData()).containsEntry("maxModelLen", "4096");
        assertThat(settings().getMetadata().getLabels()).containsEntry("edited-by", "someone-1");
        assertThat(sync.sync(DemoStack.stack("4096", 1, ""), "rev2").drifted()).isZero();
    }

    @Test
    void aConflictOnEveryAttemptIsBoundedStopsTheApplyAndTheNextSyncConverges() {
        sync.sync(DemoStack.stack("2048", 1, ""), "rev1");
        racesLeft.set(Integer.MAX_VALUE);
        requests.clear();

        SyncResult r = sync.sync(DemoStack.stack("4096", 2, ""), "rev2");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("ConfigMap").contains("settings").contains("HTTP 409");
        List<String> writes = requests.writes();
        assertThat(writes.stream().filter(w -> w.equals("PATCH " + CM + "?fieldValidation=Strict"))).as("bounded: first try plus 3 retries").hasSize(4);
        assertThat(writes).as("objects after the failed one are not touched (their dry run stores nothing)")
                .noneMatch(w -> w.contains("llminferenceservices") && !w.contains("dryRun=All"));
        assertThat(((Map<?, ?>) client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm")
                .withName("qwen").get().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(1);

        racesLeft.set(0);
        SyncResult next = sync.sync(DemoStack.stack("4096", 2, ""), "rev2");

        assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo(SyncStatus.Synced);
        assertThat(settings().getData()).containsEntry("maxModelLen", "4096");
        assertThat(settings().getMetadata().getLabels()).containsEntry("edited-by", "someone-4");
        assertThat(((Map<?, ?>) client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm")
                .withName("qwen").get().getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(2);
    }
}
