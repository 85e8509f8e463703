package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * A storm of GKE conflicts: every mutating call answered "cluster busy"
 * (FAILED_PRECONDITION / CLUSTER_ALREADY_HAS_OPERATION) or RESOURCE_EXHAUSTED. Retries are bounded
 * by the operation policy's attempt budget, the sync fails naming GKE's reason, and once the storm
 * is over the next sync converges with exactly one successful mutating call.
 */
@EnableKubernetesMockClient(crud = true)
class GkeConflictStormTest {
    static final int ATTEMPTS = 4;
    static final OperationPolicy POLICY = new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(60),
            ATTEMPTS, Duration.ofMinutes(10));

    KubernetesClient client;
    KubernetesMockServer server;

    FakeClusterManager gke;
    final List<Duration> sleeps = new ArrayList<>();
    StackSync sync;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        gke = new FakeClusterManager().start().addCluster(DemoStack.CLUSTER).pollsToDone(2);
        NodePools pools = new GkeNodePools(gke.client(), gke.nodeCounter(), new SimpleMeterRegistry(), POLICY, sleeps::add);
        sync = new StackSync(SyncParts.of(client, "stack-agent", pools, EventRecorder.NONE), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gke.close();
    }

    static Stack stack() {
        return DemoStack.stack("2048", 1, DemoStack.TPU_POOL);
    }

    @Test
    void aStormLongerThanTheBudgetFailsTheSyncAfterBoundedRetriesAndTheNextSyncConverges() {
        for (int i = 0; i < ATTEMPTS; i++) {
            if (i % 2 == 0) gke.rejectNextMutationAsBusy();
            else gke.rejectNextMutationAsExhausted();
        }

        SyncResult r = sync.sync(stack(), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("node pool tpu-v6e-pool").contains("still busy after " + ATTEMPTS + " attempts")
                .contains("RESOURCE_EXHAUSTED").contains("Quota exceeded");
        assertThat(gke.mutatingCalls()).as("bounded by the policy").hasSize(ATTEMPTS)
                .allSatisfy(c -> assertThat(c.method()).isEqualTo("createNodePool"));
        assertThat(sleeps).as("backoff between attempts, none after the last").hasSize(ATTEMPTS - 1);
        assertThat(gke.pool("tpu-v6e-pool")).isNull();
        assertThat(client.configMaps().inNamespace("llm").withName("settings").get()).as("the Kubernetes part was applied").isNotNull();

        gke.clearCalls();
        SyncResult next = sync.sync(stack(), "rev1");

        assertThat(next.status()).as(String.valueOf(next.error())).isEqualTo(SyncStatus.Synced);
        assertThat(next.pools()).extracting(PoolOutcome::kind).containsExactly(PoolOutcome.Kind.CREATED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("createNodePool");
        assertThat(gke.pool("tpu-v6e-pool")).isNotNull();

        gke.clearCalls();
        assertThat(sync.sync(stack(), "rev1").status()).isEqualTo(SyncStatus.Synced);
        assertThat(gke.mutatingCalls()).as("in sync: no mutating call").isEmpty();
    }

    @Test
    void aStormWithinTheBudgetIsRiddenOutInTheSameSync() {
        for (int i = 0; i < ATTEMPTS - 1; i++) {
            if (i % 2 == 0) gke.rejectNextMutationAsExhausted();
            else gke.rejectNextMutationAsBusy();
        }

        SyncResult r = sync.sync(stack(), "rev1");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(gke.mutatingCalls()).hasSize(ATTEMPTS);
        assertThat(r.pools()).extracting(PoolOutcome::kind).containsExactly(PoolOutcome.Kind.CREATED);
        assertThat(gke.pool("tpu-v6e-pool")).isNotNull();
    }
}
