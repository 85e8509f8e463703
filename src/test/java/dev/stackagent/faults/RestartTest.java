package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.container.v1.Operation;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.gke.Sleeper;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionStep;
import dev.stackagent.sync.SleepProgressStore;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * The agent stopped mid-sync and mid-sleep and started again. A stop is an agent whose GKE wait
 * dies (its {@link Sleeper} throws) while the operation it started keeps running in GKE; a start is
 * a new {@link NodePools} and {@link StackSync} on the same cluster and fake GKE, with nothing
 * carried over but what is in the cluster (inventory and sleep progress ConfigMaps) and in GKE.
 */
@EnableKubernetesMockClient(crud = true)
class RestartTest {
    static final OperationPolicy POLICY = OperationPolicy.defaults();
    static final Sleeper KILLED = d -> {
        throw new IllegalStateException("agent stopped while waiting for GKE");
    };
    /** Monday 2026-01-05 12:00 in Amsterdam: awake. */
    static final Instant MONDAY_NOON = Instant.parse("2026-01-05T11:00:00Z");
    /** Saturday 2026-01-10 12:00 in Amsterdam: asleep. */
    static final Instant SATURDAY_NOON = Instant.parse("2026-01-10T11:00:00Z");
    /** Monday 2026-01-12 06:50 in Amsterdam: within the 20 minutes of wake lead time. */
    static final Instant MONDAY_EARLY = Instant.parse("2026-01-12T05:50:00Z");

    KubernetesClient client;
    KubernetesMockServer server;
    FakeClusterManager gke;
    RequestLog requests;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        gke = new FakeClusterManager().start().addCluster(DemoStack.CLUSTER).pollsToDone(2);
        requests = new RequestLog(server);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gke.close();
    }

    /** A freshly started agent: new NodePools, new StackSync, the clock at {@code now}. */
    StackSync start(Sleeper sleeper, Instant now) {
        NodePools pools = new GkeNodePools(gke.client(), gke.nodeCounter(), new SimpleMeterRegistry(), POLICY, sleeper);
        return new StackSync(SyncParts.of(client, "stack-agent", pools, EventRecorder.NONE), Clock.fixed(now, ZoneOffset.UTC));
    }

    static Sleeper noSleep() {
        return d -> { };
    }

    GenericKubernetesResource service() {
        return client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm").withName("qwen").get();
    }

    Object replicas() {
        return ((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas");
    }

    /** What KServe does once the model serves: Ready=True. */
    void markReady() {
        GenericKubernetesResource s = service();
        s.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm").resource(s).updateStatus();
    }

    /** Syncs as the loop does (again at once after an action) until the schedule's transition settles; bounded. */
    SyncResult syncUntilSettled(StackSync sync, Stack stack) {
        SyncResult r = null;
        for (int round = 0; round < 8; round++) {
            r = sync.sync(stack, "rev1");
            assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
            if (r.sleep().action() == TransitionAction.WAIT_FOR_READY) {
                markReady();
            } else if (r.sleep().action() == TransitionAction.NONE) {
                return r;
            }
        }
        throw new AssertionError("transition did not settle: " + r.sleep());
    }

    @Test
    void aGkeOperationLeftRunningByAStoppedAgentIsWaitedForNotStartedAgain() {
        Stack stack = DemoStack.stack("2048", 1, DemoStack.TPU_POOL);

        SyncResult stopped = start(KILLED, MONDAY_NOON).sync(stack, "rev1");

        assertThat(stopped.status()).isEqualTo(SyncStatus.Failed);
        assertThat(stopped.error()).contains("agent stopped");
        assertThat(gke.pool("tpu-v6e-pool")).as("the create is still running in GKE").isNull();

        SyncResult restarted = start(noSleep(), MONDAY_NOON).sync(stack, "rev1");

        assertThat(restarted.status()).as(String.valueOf(restarted.error())).isEqualTo(SyncStatus.Synced);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("createNodePool");
        assertThat(gke.methods()).as("the restarted agent looked for running operations and waited")
                .containsSubsequence("createNodePool", "listOperations", "getOperation");
        assertThat(gke.pool("tpu-v6e-pool")).isNotNull();
        assertThat(client.genericKubernetesResources(DemoStack.LLMIS_API, DemoStack.LLMIS).inNamespace("llm").list().getItems())
                .hasSize(1);
        assertThat(restarted.pools()).extracting(p -> p.kind().name()).containsExactly("UNCHANGED");
    }

    @Test
    void anOperationSomeoneElseStartedIsWaitedForInsteadOfColliding() {
        Stack stack = DemoStack.stack("2048", 1, DemoStack.TPU_POOL);
        String upgrade = gke.startExternalOperation(DemoStack.CLUSTER, Operation.Type.UPGRADE_NODES);

        SyncResult r = start(noSleep(), MONDAY_NOON).sync(stack, "rev1");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(gke.operation(upgrade).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("createNodePool");
    }

    @Test
    void aSleepInterruptedMidWayResumesAtTheSameStepWithoutRepeatingAGkeOperationAndWakesWithTheWorkload() {
        Stack stack = DemoStack.stack("2048", 1, DemoStack.TPU_POOL + DemoStack.SCHEDULE);
        SleepProgressStore progress = new SleepProgressStore(client, "stack-agent");

        // Monday noon: the first start converges to awake
        syncUntilSettled(start(noSleep(), MONDAY_NOON), stack);
        assertThat(replicas()).isEqualTo(1);
        String uid = service().getMetadata().getUid();
        assertThat(uid).isNotNull();
        assertThat(progress.read("demo").phase()).isEqualTo(SleepPhase.Awake);
        gke.clearCalls();

        // Saturday: falling asleep; the agent is stopped while GKE turns the pool's autoscaling off
        StackSync dying = start(KILLED, SATURDAY_NOON);
        SyncResult first = dying.sync(stack, "rev1");
        assertThat(first.sleep().action()).isEqualTo(TransitionAction.SCALE_WORKLOADS_TO_ZERO);
        assertThat(replicas()).isEqualTo(0);
        SyncResult killed = dying.sync(stack, "rev1");
        assertThat(killed.status()).isEqualTo(SyncStatus.Failed);
        assertThat(killed.error()).contains("agent stopped");
        assertThat(progress.read("demo").step()).as("persisted before acting").isEqualTo(TransitionStep.ScalePoolsToZero);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("setNodePoolAutoscaling");

        // started again, still Saturday: resumes at ScalePoolsToZero, waits for the running operation, then resizes
        SyncResult asleep = syncUntilSettled(start(noSleep(), SATURDAY_NOON), stack);

        assertThat(asleep.sleep().progress().phase()).isEqualTo(SleepPhase.Asleep);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method)
                .as("no GKE operation repeated").containsExactly("setNodePoolAutoscaling", "setNodePoolSize");
        assertThat(gke.pool("tpu-v6e-pool").getAutoscaling().getEnabled()).isFalse();
        assertThat(gke.nodeCount("tpu-v6e-pool")).isZero();
        assertThat(replicas()).isEqualTo(0);
        assertThat(service().getMetadata().getUid()).as("the model is scaled, never deleted").isEqualTo(uid);

        // Monday before work, another restart: wakes pools first, then the model
        gke.clearCalls();
        SyncResult awake = syncUntilSettled(start(noSleep(), MONDAY_EARLY), stack);

        assertThat(awake.sleep().progress().phase()).isEqualTo(SleepPhase.Awake);
        assertThat(gke.pool("tpu-v6e-pool").getAutoscaling().getEnabled()).isTrue();
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("setNodePoolAutoscaling");
        assertThat(replicas()).isEqualTo(1);
        assertThat(service().getMetadata().getUid()).isEqualTo(uid);
        assertThat(requests.writes()).noneMatch(w -> w.startsWith("DELETE") && w.contains("llminferenceservices"));
    }
}
