package dev.stackagent.gke;

import static dev.stackagent.gke.SeedPools.CLUSTER;
import static dev.stackagent.gke.SeedPools.STACK;
import static dev.stackagent.gke.SeedPools.TPU;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.container.v1.NodePool;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.NodePoolSpec.Autoscaling;
import dev.stackagent.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Ownership of node pools, against the fake GKE: a committer declaring a pool is not a cluster admin.
 * Only pools the agent created for a stack (GKE resource label {@value NodePoolOwnership#LABEL}) are
 * ever deleted or replaced; pools it did not create are not changed at all unless the agent policy
 * names them adoptable, and then only resized and updated; a pool is one stack's.
 */
class NodePoolGuardRailsTest {

    private static final OperationPolicy OPERATIONS = new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(60), 5, Duration.ofMinutes(10));
    private static final String DEFAULT_POOL = "default-pool";
    private static final String NOT_OURS = "exists and was not created by stack-agent: not changed";

    private FakeClusterManager gke;

    @BeforeEach
    void start() {
        gke = new FakeClusterManager().start().addCluster(CLUSTER);
        gke.addPool(CLUSTER, SeedPools.defaultPool(), 2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        gke.close();
    }

    private NodePools agent(Policy policy) {
        return new GkeNodePools(gke.client(), gke.nodeCounter(), new SimpleMeterRegistry(), OPERATIONS, new RecordingSleeper(), policy);
    }

    private static Policy adoptable(String... pools) {
        return new Policy(Policy.API_VERSION, Policy.KIND, null, null, null,
                new Policy.NodePools(null, null, null, null, List.of(pools)), null, null, null);
    }

    /** default-pool as a committer would declare it to free its nodes: no autoscaling, zero nodes. */
    private static NodePoolSpec defaultPoolAtZero() {
        return new NodePoolSpec(DEFAULT_POOL, null, null, null, 0, new Autoscaling(false, null, null, null, null, null),
                null, null, null, null, null, null);
    }

    private static NodePoolSpec biggerTpu(boolean allowReplacement) {
        return SeedPools.withMachineType(SeedPools.tpuPool(), "ct6e-standard-8t", allowReplacement);
    }

    @Test
    void defaultPoolDeclaredAtZeroNodesIsNotResized() {
        NodePools pools = agent(Policy.defaults());

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(defaultPoolAtZero()));

        PoolOutcome outcome = result.pool(DEFAULT_POOL).orElseThrow();
        assertThat(outcome.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(outcome.messages()).containsExactly("node pool default-pool exists and was not created by stack-agent: "
                + "not changed. A platform admin can list it under nodePools.adoptable in the agent policy");
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(result.mutatingCalls()).isZero();
        assertThat(gke.nodeCount(DEFAULT_POOL)).isEqualTo(2);
        assertThat(gke.pool(DEFAULT_POOL)).isEqualTo(SeedPools.defaultPool());

        List<NodePoolDrift> plan = pools.plan(CLUSTER, STACK, List.of(defaultPoolAtZero()));
        assertThat(plan.get(0).blocked()).as("plan shows it blocked, with the reason").isTrue();
        assertThat(plan.get(0).summary()).contains("blocked: node pool default-pool " + NOT_OURS);
    }

    @Test
    void aPoolTheAgentDidNotCreateIsNotDeletedEvenWithAllowReplacement() {
        gke.addPool(CLUSTER, SeedPools.handMadeTpuPool(), 1);
        NodePools pools = agent(Policy.defaults());

        PoolOutcome applied = pools.apply(CLUSTER, STACK, List.of(biggerTpu(true))).pool(TPU).orElseThrow();
        List<NodePoolDrift> plan = pools.plan(CLUSTER, STACK, List.of(biggerTpu(true)));
        PoolOutcome replaced = pools.replace(CLUSTER, STACK, biggerTpu(true)).pool(TPU).orElseThrow();

        assertThat(applied.kind()).as("not offered for replacement").isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(applied.messages().get(0)).contains("node pool tpu-v6e-pool " + NOT_OURS);
        assertThat(plan.get(0).needsReplacement()).isTrue();
        assertThat(plan.get(0).blocked()).as("the sync does not stop the workload for it").isTrue();
        assertThat(replaced.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(replaced.messages().get(0)).contains("machineType").contains(NOT_OURS);
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(gke.pool(TPU)).isEqualTo(SeedPools.handMadeTpuPool());
    }

    @Test
    void anAdoptablePoolIsResizedForTheNightButNeverReplacedNorLabelled() {
        gke.addPool(CLUSTER, SeedPools.handMadeTpuPool(), 1);
        NodePools pools = agent(adoptable("tpu-v6e-*"));

        NodePoolResult asleep = pools.apply(CLUSTER, STACK, List.of(SeedPools.asleep(SeedPools.tpuPool())));

        assertThat(asleep.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UPDATED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method)
                .containsExactly("setNodePoolAutoscaling", "setNodePoolSize");
        assertThat(gke.nodeCount(TPU)).isZero();
        assertThat(gke.pool(TPU).getConfig().getResourceLabelsMap()).as("adopting does not make it the agent's")
                .doesNotContainKey(NodePoolOwnership.LABEL);
        gke.clearCalls();

        PoolOutcome applied = pools.apply(CLUSTER, STACK, List.of(biggerTpu(true))).pool(TPU).orElseThrow();
        PoolOutcome replaced = pools.replace(CLUSTER, STACK, biggerTpu(true)).pool(TPU).orElseThrow();

        assertThat(applied.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(applied.messages().get(0)).contains("machineType").contains("never deleted or replaced");
        assertThat(replaced.kind()).isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(gke.pool(TPU).getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
    }

    @Test
    void aPoolTheAgentCreatesCarriesItsLabelWhichIsNotDriftAndOnlyItCanBeReplaced() {
        NodePools pools = agent(Policy.defaults());

        assertThat(pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool())).pool(TPU).orElseThrow().kind())
                .isEqualTo(PoolOutcome.Kind.CREATED);
        assertThat(gke.mutatingCalls().get(0).request()).contains("resource_labels")
                .contains("key: \"" + NodePoolOwnership.LABEL + "\"").contains("value: \"" + STACK + "\"");
        assertThat(gke.pool(TPU).getConfig().getResourceLabelsMap())
                .containsEntry(NodePoolOwnership.LABEL, STACK)
                .containsKey("goog-gke-node-pool-provisioning-model");
        assertThat(pools.plan(CLUSTER, STACK, List.of(SeedPools.tpuPool()))).allMatch(NodePoolDrift::inSync);
        gke.clearCalls();

        PoolOutcome pending = pools.apply(CLUSTER, STACK, List.of(biggerTpu(true))).pool(TPU).orElseThrow();
        PoolOutcome replaced = pools.replace(CLUSTER, STACK, biggerTpu(true)).pool(TPU).orElseThrow();

        assertThat(pending.kind()).isEqualTo(PoolOutcome.Kind.REPLACEMENT_PENDING);
        assertThat(replaced.kind()).isEqualTo(PoolOutcome.Kind.REPLACED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("deleteNodePool", "createNodePool");
        assertThat(gke.pool(TPU).getConfig().getMachineType()).isEqualTo("ct6e-standard-8t");
        assertThat(gke.pool(TPU).getConfig().getResourceLabelsMap()).as("the recreated pool is the stack's again")
                .containsEntry(NodePoolOwnership.LABEL, STACK);
    }

    @Test
    void aPoolLabelledForOneStackIsRefusedToAnotherNamingBoth() {
        agent(Policy.defaults()).apply(CLUSTER, "stack-a", List.of(SeedPools.tpuPool()));
        gke.clearCalls();
        NodePools pools = agent(adoptable(TPU)); // adoptable does not open another stack's pool

        PoolOutcome inSync = pools.apply(CLUSTER, "stack-b", List.of(SeedPools.tpuPool())).pool(TPU).orElseThrow();
        PoolOutcome asleep = pools.apply(CLUSTER, "stack-b", List.of(SeedPools.asleep(SeedPools.tpuPool()))).pool(TPU).orElseThrow();
        PoolOutcome replaced = pools.replace(CLUSTER, "stack-b", biggerTpu(true)).pool(TPU).orElseThrow();

        assertThat(List.of(inSync, asleep, replaced)).extracting(PoolOutcome::kind).containsOnly(PoolOutcome.Kind.BLOCKED);
        assertThat(inSync.messages()).containsExactly("node pool tpu-v6e-pool belongs to stack stack-a "
                + "(GKE resource label stack-agent-stack=stack-a): stack stack-b does not change it");
        assertThat(asleep.messages().get(0)).contains("stack stack-a").contains("stack stack-b");
        assertThat(replaced.messages().get(0)).contains("stack stack-a").contains("stack stack-b");
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(gke.nodeCount(TPU)).isEqualTo(1);
        assertThat(agent(Policy.defaults()).apply(CLUSTER, "stack-a", List.of(SeedPools.tpuPool())).pool(TPU).orElseThrow().kind())
                .as("its own stack keeps it").isEqualTo(PoolOutcome.Kind.UNCHANGED);
    }

    @Test
    void anInSyncOwnedPoolMakesZeroMutatingCalls() {
        gke.addPool(CLUSTER, SeedPools.liveTpuPool(), 2); // created by the agent in an earlier run
        NodePools pools = agent(Policy.defaults());

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UNCHANGED);
        assertThat(result.mutatingCalls()).isZero();
        assertThat(gke.mutatingCalls()).isEmpty();
    }

    @Test
    void anInSyncPoolTheAgentDidNotCreateIsOnlyRead() {
        NodePoolSpec asItIs = new NodePoolSpec(DEFAULT_POOL, "n1-standard-4", null, null, null, null, null, null, null, null,
                null, null);

        NodePoolResult result = agent(Policy.defaults()).apply(CLUSTER, STACK, List.of(asItIs));

        assertThat(result.pool(DEFAULT_POOL).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UNCHANGED);
        assertThat(result.pool(DEFAULT_POOL).orElseThrow().drift().notes()).containsExactly("not created by stack-agent: left as it is");
        assertThat(gke.mutatingCalls()).isEmpty();
    }

    @Test
    void theOwnershipLabelIsNeverDrift() {
        NodePool withOtherLabels = SeedPools.liveTpuPool().toBuilder()
                .setConfig(SeedPools.liveTpuPool().getConfig().toBuilder().putResourceLabels("team", "inference")).build();

        assertThat(NodePoolDiff.diff(SeedPools.tpuPool(), withOtherLabels, OptionalInt.of(1)).inSync()).isTrue();
        assertThat(NodePoolDiff.diff(SeedPools.tpuPool(), SeedPools.handMadeTpuPool(), OptionalInt.of(1)).inSync()).isTrue();
        assertThat(NodePoolProtos.newPool(SeedPools.tpuPool(), STACK).getConfig().getLabelsMap())
                .as("a resource label on the pool, not a Kubernetes node label").doesNotContainKey(NodePoolOwnership.LABEL);
    }

    @Test
    void theLabelValueIsAValidGcpLabelValueAndDistinctPerStack() {
        String longName = "a".repeat(80);
        List<String> values = List.of(NodePoolOwnership.labelValue(STACK), NodePoolOwnership.labelValue("Team.A"),
                NodePoolOwnership.labelValue("team-a"), NodePoolOwnership.labelValue(longName),
                NodePoolOwnership.labelValue(longName + "b"));

        assertThat(values.get(0)).isEqualTo(STACK);
        assertThat(values.get(2)).isEqualTo("team-a");
        assertThat(values).allMatch(v -> v.matches("[a-z0-9_-]{1,63}")).doesNotHaveDuplicates();
        assertThat(values.get(1)).startsWith("team-a-");
    }
}
