package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.container.v1.NodeConfig;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.gke.NodePoolOwnership;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * A TPU pool whose machine type changed in Git: shown and blocked unless the stack allows the
 * replacement; when allowed, the model is stopped first, the pool is deleted and recreated, and the
 * model comes back.
 */
@EnableKubernetesMockClient(crud = true)
class NodePoolReplacementTest {
    static final ClusterRef CLUSTER = new ClusterRef("p", "europe-west4-a", "c");

    KubernetesClient client;
    KubernetesMockServer server;
    FakeClusterManager gke;
    StackSync sync;

    static final String STACK = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces: [{name: llm}]
            nodePools:
              - name: tpu
                machineType: ct6e-standard-4t
                tpuTopology: 2x2
                autoscaling: {minNodeCount: 0, maxNodeCount: 3}
                allowReplacement: %s
            """;
    static final String SERVICE = """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata: {name: qwen}
            spec:
              model: {uri: "hf://Qwen/Qwen2.5-3B-Instruct"}
              replicas: 1
            """;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        gke = new FakeClusterManager().start().addCluster(CLUSTER).pollsToDone(2);
        NodePool.Builder old = NodePool.newBuilder().setName("tpu").setConfig(NodeConfig.newBuilder().setMachineType("ct5lp-hightpu-4t"));
        old.getPlacementPolicyBuilder().setTpuTopology("2x2");
        old.setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(0).setMaxNodeCount(3));
        gke.addPool(CLUSTER, FakeClusterManager.createdByAgent(old.build(), "demo"), 0); // made by an earlier run for this stack
        NodePools pools = new GkeNodePools(gke.client(), new KubernetesNodeCounter(client), new SimpleMeterRegistry(),
                new OperationPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(1), 5, Duration.ofMinutes(1)), d -> { });
        sync = new StackSync(SyncParts.of(client, "stack-agent", pools, EventRecorder.NONE), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gke.close();
    }

    Stack stack(boolean allowReplacement) {
        return Stacks.load(Map.of("stacks/demo/stack.yaml", STACK.formatted(allowReplacement), "stacks/demo/service.yaml", SERVICE));
    }

    Object replicas() {
        GenericKubernetesResource svc = client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService")
                .inNamespace("llm").withName("qwen").get();
        return ((Map<?, ?>) svc.getAdditionalProperties().get("spec")).get("replicas");
    }

    @Test
    void withoutConsentTheReplacementIsShownAndBlocked() {
        SyncResult r = sync.sync(stack(false), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("node pool tpu").contains("machineType");
        assertThat(r.pools()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED));
        assertThat(gke.methods()).doesNotContain("deleteNodePool", "createNodePool");
        assertThat(replicas()).as("the model keeps running").isEqualTo(1);
        assertThat(gke.pool("tpu").getConfig().getMachineType()).isEqualTo("ct5lp-hightpu-4t");
    }

    @Test
    void withConsentTheModelStopsThePoolIsReplacedAndTheModelComesBack() {
        SyncResult first = sync.sync(stack(true), "rev1");

        assertThat(first.pools()).anySatisfy(p -> assertThat(p.kind()).isEqualTo(PoolOutcome.Kind.REPLACED));
        assertThat(replicas()).as("stopped while its pool is replaced").isEqualTo(0);
        assertThat(gke.methods()).containsSubsequence("deleteNodePool", "createNodePool");
        assertThat(gke.pool("tpu").getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
        assertThat(gke.pool("tpu").getConfig().getResourceLabelsMap()).as("recreated as the stack's own")
                .containsEntry(NodePoolOwnership.LABEL, "demo");
        assertThat(first.requeueAt()).as("looks again soon to bring the model back").isNotNull();

        SyncResult second = sync.sync(stack(true), "rev1");

        assertThat(second.status()).isEqualTo(SyncStatus.Synced);
        assertThat(replicas()).isEqualTo(1);
        assertThat(gke.methods().stream().filter("deleteNodePool"::equals).count()).as("replaced once").isEqualTo(1);
    }

    @Test
    void aPoolTheAgentDidNotCreateIsNeitherReplacedNorIsItsModelStoppedForIt() {
        NodePool handMade = gke.pool("tpu").toBuilder().setConfig(gke.pool("tpu").getConfig().toBuilder().clearResourceLabels()).build();
        gke.addPool(CLUSTER, handMade, 0);

        SyncResult r = sync.sync(stack(true), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("node pool tpu exists and was not created by stack-agent").contains("nodePools.adoptable");
        assertThat(r.pools()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED));
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(replicas()).as("no replacement will happen, so the model keeps running").isEqualTo(1);
        assertThat(gke.pool("tpu").getConfig().getMachineType()).isEqualTo("ct5lp-hightpu-4t");
    }
}
