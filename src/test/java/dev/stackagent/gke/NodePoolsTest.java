package dev.stackagent.gke;

import static dev.stackagent.gke.SeedPools.CLUSTER;
import static dev.stackagent.gke.SeedPools.STACK;
import static dev.stackagent.gke.SeedPools.TPU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.container.v1.NodeTaint;
import com.google.container.v1.Operation;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.NodePoolSpec.Autoscaling;
import dev.stackagent.desired.NodePoolSpec.Taint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Node pools as desired state, end to end against the fake GKE: what a user of the agent would see. */
class NodePoolsTest {

    private static final OperationPolicy POLICY = new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(60), 5, Duration.ofMinutes(10));

    private FakeClusterManager gke;
    private RecordingSleeper sleeper;
    private NodePools pools;

    @BeforeEach
    void start() {
        gke = new FakeClusterManager().start().addCluster(CLUSTER);
        gke.addPool(CLUSTER, SeedPools.defaultPool(), 2);
        sleeper = new RecordingSleeper();
        pools = newAgent(sleeper);
    }

    @AfterEach
    void stop() throws InterruptedException {
        gke.close();
    }

    private NodePools newAgent(Sleeper sleeper) {
        return new GkeNodePools(gke.client(), gke.nodeCounter(), new SimpleMeterRegistry(), POLICY, sleeper);
    }

    private void createSeedPool() {
        assertThat(pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool())).pool(TPU).orElseThrow().kind())
                .isEqualTo(PoolOutcome.Kind.CREATED);
        gke.clearCalls();
    }

    @Test
    void createsTheSeedTpuPoolAsDeclared() {
        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.CREATED);
        var pool = gke.pool(TPU);
        assertThat(pool.getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
        assertThat(pool.getPlacementPolicy().getTpuTopology()).isEqualTo("2x2");
        assertThat(pool.getAutoscaling().getEnabled()).isTrue();
        assertThat(pool.getAutoscaling().getMinNodeCount()).isZero();
        assertThat(pool.getAutoscaling().getMaxNodeCount()).isEqualTo(3);
        assertThat(pool.getInitialNodeCount()).isEqualTo(1);
        assertThat(pool.getConfig().getTaintsList()).containsExactly(NodeTaint.newBuilder()
                .setKey("google.com/tpu").setValue("present").setEffect(NodeTaint.Effect.NO_SCHEDULE).build());
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("createNodePool");
        assertThat(gke.methods()).containsSubsequence("createNodePool", "getOperation", "getOperation");
        assertThat(result.mutatingCalls()).isEqualTo(1);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void inSyncMeansZeroMutatingCallsEvenAfterAutoscalerAndGkeChangedThings() {
        createSeedPool();
        gke.setNodeCount(TPU, 3); // the cluster autoscaler scaled up

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UNCHANGED);
        assertThat(gke.mutatingCalls()).isEmpty();
        assertThat(result.mutatingCalls()).isZero();
        assertThat(pools.plan(CLUSTER, STACK, List.of(SeedPools.tpuPool()))).allMatch(NodePoolDrift::inSync);
    }

    @Test
    void gkeAddedLabelsAndTaintsAreNotDrift() {
        gke.addPool(CLUSTER, SeedPools.liveTpuPool(), 2);

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UNCHANGED);
        assertThat(gke.mutatingCalls()).isEmpty();
    }

    @Test
    void changesAutoscalingBounds() {
        createSeedPool();

        NodePoolResult result = pools.apply(CLUSTER, STACK,
                List.of(SeedPools.withAutoscaling(SeedPools.tpuPool(), new Autoscaling(true, 1, 5, null, null, null))));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UPDATED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("setNodePoolAutoscaling");
        assertThat(gke.pool(TPU).getAutoscaling().getMinNodeCount()).isEqualTo(1);
        assertThat(gke.pool(TPU).getAutoscaling().getMaxNodeCount()).isEqualTo(5);
    }

    @Test
    void sleepTurnsAutoscalingOffFirstThenResizesToZero() {
        createSeedPool();

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.asleep(SeedPools.tpuPool())));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UPDATED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method)
                .containsExactly("setNodePoolAutoscaling", "setNodePoolSize");
        assertThat(gke.pool(TPU).getAutoscaling().getEnabled()).isFalse();
        assertThat(gke.nodeCount(TPU)).isZero();

        gke.clearCalls();
        assertThat(pools.apply(CLUSTER, STACK, List.of(SeedPools.asleep(SeedPools.tpuPool()))).mutatingCalls()).isZero();
        assertThat(gke.mutatingCalls()).isEmpty();
    }

    @Test
    void resizesWhenAutoscalingIsOffAgainstTheNodesThatExist() {
        NodePoolSpec fixed = SeedPools.withAutoscaling(SeedPools.tpuPool(), new Autoscaling(false, null, null, null, null, null));
        pools.apply(CLUSTER, STACK, List.of(fixed));
        gke.setNodeCount(TPU, 3); // someone resized by hand; initial_node_count still says 1
        gke.clearCalls();

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(fixed));

        assertThat(result.pool(TPU).orElseThrow().drift().fieldChanges())
                .extracting(Object::toString).containsExactly("/nodePools/tpu-v6e-pool/nodeCount: 3 -> 1");
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("setNodePoolSize");
        assertThat(gke.nodeCount(TPU)).isEqualTo(1);
    }

    @Test
    void labelsAndTaintsAreSentAsFullSetsKeepingGkeOwnedOnes() {
        createSeedPool();
        Taint dedicated = new Taint("dedicated", "llm", "NoSchedule");

        pools.apply(CLUSTER, STACK, List.of(SeedPools.withLabelsAndTaints(SeedPools.tpuPool(),
                Map.of("stack-agent.dev/stack", "llmd", "team", "inference"), List.of(dedicated))));

        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("updateNodePool");
        assertThat(gke.pool(TPU).getConfig().getLabelsMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("stack-agent.dev/stack", "llmd", "team", "inference"));
        assertThat(gke.pool(TPU).getConfig().getTaintsList()).extracting(NodeTaint::getKey)
                .containsExactlyInAnyOrder("dedicated", "google.com/tpu");
        assertThat(gke.mutatingCalls().get(0).request()).contains("node_version: \"1.33.5-gke.1201000\"");
    }

    @Test
    void busyClusterIsRetriedWithBackoffThenSucceeds() {
        createSeedPool();
        gke.rejectNextMutationAsBusy();

        NodePoolResult result = pools.apply(CLUSTER, STACK,
                List.of(SeedPools.withAutoscaling(SeedPools.tpuPool(), new Autoscaling(true, 0, 4, null, null, null))));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UPDATED);
        assertThat(result.waits()).anyMatch(w -> w.contains("busy (CLUSTER_ALREADY_HAS_OPERATION)"));
        assertThat(result.calls()).extracting(GkeCall::toString).contains(
                "setNodePoolAutoscaling " + CLUSTER.resourceName() + "/nodePools/tpu-v6e-pool -> FAILED_PRECONDITION");
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method)
                .containsExactly("setNodePoolAutoscaling", "setNodePoolAutoscaling");
        assertThat(gke.pool(TPU).getAutoscaling().getMaxNodeCount()).isEqualTo(4);
    }

    @Test
    void resourceExhaustedIsRetried() {
        gke.rejectNextMutationAsExhausted();

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.CREATED);
        assertThat(result.waits()).anyMatch(w -> w.contains("RESOURCE_EXHAUSTED"));
    }

    @Test
    void givesUpWhenTheClusterStaysBusyBeyondTheBudget() {
        for (int i = 0; i < POLICY.busyMaxAttempts(); i++) {
            gke.rejectNextMutationAsBusy();
        }

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        PoolOutcome outcome = result.pool(TPU).orElseThrow();
        assertThat(outcome.kind()).isEqualTo(PoolOutcome.Kind.FAILED);
        assertThat(outcome.messages().get(0)).contains("still busy after 5 attempts").contains("incompatible operation");
        assertThat(gke.pool(TPU)).isNull();
    }

    @Test
    void waitsForAnOperationSomeoneElseStartedInsteadOfColliding() {
        createSeedPool();
        String upgrade = gke.startExternalOperation(CLUSTER, Operation.Type.UPGRADE_NODES);

        NodePoolResult result = pools.apply(CLUSTER, STACK,
                List.of(SeedPools.withAutoscaling(SeedPools.tpuPool(), new Autoscaling(true, 0, 2, null, null, null))));

        assertThat(result.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UPDATED);
        assertThat(result.waits()).anyMatch(w -> w.contains("waiting for GKE operation " + upgrade));
        assertThat(result.calls()).noneMatch(c -> c.code().equals("FAILED_PRECONDITION"));
        assertThat(gke.operation(upgrade).getStatus()).isEqualTo(Operation.Status.DONE);
    }

    @Test
    void operationEndingInErrorFailsWithGkesMessage() {
        gke.failNextOperation(8, "Insufficient quota to satisfy the request: TPUV6E_LITE_PODSLICE_CHIPS");

        NodePoolResult result = pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        PoolOutcome outcome = result.pool(TPU).orElseThrow();
        assertThat(result.failed()).isTrue();
        assertThat(outcome.kind()).isEqualTo(PoolOutcome.Kind.FAILED);
        assertThat(outcome.messages().get(0)).contains("Insufficient quota to satisfy the request: TPUV6E_LITE_PODSLICE_CHIPS");
        assertThat(gke.pool(TPU)).isNull();
    }

    @Test
    void replacementIsBlockedUnlessAllowedAndThenIsASeparateStep() {
        createSeedPool();
        NodePoolSpec bigger = SeedPools.withMachineType(SeedPools.tpuPool(), "ct6e-standard-8t", null);

        NodePoolResult blocked = pools.apply(CLUSTER, STACK, List.of(bigger));
        assertThat(blocked.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.BLOCKED);
        assertThat(blocked.pool(TPU).orElseThrow().messages().get(0)).contains("allowReplacement: true");
        assertThat(gke.mutatingCalls()).isEmpty();

        NodePoolSpec allowed = SeedPools.withMachineType(SeedPools.tpuPool(), "ct6e-standard-8t", true);
        NodePoolResult pending = pools.apply(CLUSTER, STACK, List.of(allowed));
        assertThat(pending.replacementsPending()).extracting(PoolOutcome::pool).containsExactly(TPU);
        assertThat(gke.mutatingCalls()).isEmpty();

        // the caller stops the workload on the pool, then:
        NodePoolResult replaced = pools.replace(CLUSTER, STACK, allowed);
        assertThat(replaced.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.REPLACED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method)
                .containsExactly("deleteNodePool", "createNodePool");
        assertThat(gke.pool(TPU).getConfig().getMachineType()).isEqualTo("ct6e-standard-8t");
    }

    @Test
    void aRestartedAgentWaitsForTheRunningOperationInsteadOfStartingAnother() {
        NodePools crashing = newAgent(d -> {
            throw new IllegalStateException("agent killed while waiting");
        });
        assertThatThrownBy(() -> crashing.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool())))
                .hasMessageContaining("agent killed");
        assertThat(gke.pool(TPU)).isNull(); // the create is still running in GKE

        NodePoolResult afterRestart = newAgent(new RecordingSleeper()).apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(afterRestart.waits()).anyMatch(w -> w.contains("CREATE_NODE_POOL") && w.contains("already running"));
        assertThat(afterRestart.pool(TPU).orElseThrow().kind()).isEqualTo(PoolOutcome.Kind.UNCHANGED);
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("createNodePool");
        assertThat(gke.pool(TPU)).isNotNull();
    }

    @Test
    void poolsGitDoesNotDeclareAreNeverTouched() {
        pools.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(gke.calls()).noneMatch(c -> c.target().endsWith("/nodePools/default-pool"));
        assertThat(gke.pool("default-pool")).isEqualTo(SeedPools.defaultPool());
    }

    @Test
    void planNeverMutatesAndShowsDriftInFieldChangeFormat() {
        createSeedPool();

        List<NodePoolDrift> plan = pools.plan(CLUSTER, STACK,
                List.of(SeedPools.withAutoscaling(SeedPools.tpuPool(), new Autoscaling(true, 0, 5, null, null, null))));

        assertThat(plan.get(0).fieldChanges()).extracting(Object::toString)
                .containsExactly("/nodePools/tpu-v6e-pool/autoscaling/maxNodeCount: 3 -> 5");
        assertThat(gke.mutatingCalls()).isEmpty();
    }

    @Test
    void planWithoutGkeShowsLiveStateUnknownInsteadOfFailing() {
        List<NodePoolDrift> plan = pools.plan(new dev.stackagent.desired.ClusterRef("p", "l", "missing"), STACK,
                List.of(SeedPools.tpuPool()));

        assertThat(plan.get(0).liveState()).isEqualTo(NodePoolDrift.LiveState.UNKNOWN);
        assertThat(plan.get(0).summary()).startsWith("tpu-v6e-pool: live state unknown").contains("NOT_FOUND")
                .contains("would create if absent");
    }

    @Test
    void planShowsMissingPoolAsWouldCreate() {
        List<NodePoolDrift> plan = pools.plan(CLUSTER, STACK, List.of(SeedPools.tpuPool()));

        assertThat(plan.get(0).summary()).isEqualTo("tpu-v6e-pool: would create");
        assertThat(plan.get(0).fieldChanges().get(0).path()).isEqualTo("/nodePools/tpu-v6e-pool");
    }

    @Test
    void whenGkeManagementIsOffPoolsAreNotManaged() {
        NodePools off = NodePools.notManaged();

        assertThat(off.plan(CLUSTER, STACK, List.of(SeedPools.tpuPool())).get(0).summary())
                .isEqualTo("tpu-v6e-pool: not managed (GKE management is off)");
        assertThat(off.apply(CLUSTER, STACK, List.of(SeedPools.tpuPool())).pools())
                .extracting(PoolOutcome::kind).containsExactly(PoolOutcome.Kind.NOT_MANAGED);
        assertThat(gke.calls()).isEmpty();
    }
}
