package dev.stackagent.gke;

import static dev.stackagent.gke.SeedPools.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.Operation;
import com.google.container.v1.UpdateNodePoolRequest;

/** The fake answers like GKE does, as seen through the real client. */
class FakeClusterManagerTest {

    private FakeClusterManager gke;
    private ClusterManagerClient client;
    private final String poolName = CLUSTER.resourceName() + "/nodePools/" + SeedPools.TPU;

    @BeforeEach
    void start() {
        gke = new FakeClusterManager().start().addCluster(CLUSTER).pollsToDone(3);
        client = gke.client();
    }

    @AfterEach
    void stop() throws InterruptedException {
        gke.close();
    }

    @Test
    void operationGoesPendingRunningDoneAndOnlyThenTakesEffect() {
        Operation op = client.createNodePool(CLUSTER.resourceName(), NodePoolProtos.newPool(SeedPools.tpuPool(), SeedPools.STACK));
        String name = GkeOperations.operationName(CLUSTER, op.getName());

        assertThat(op.getStatus()).isEqualTo(Operation.Status.PENDING);
        assertThat(client.getOperation(name).getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(gke.pool(SeedPools.TPU)).isNull();
        assertThat(client.getOperation(name).getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(client.getOperation(name).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(client.getNodePool(poolName).getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
    }

    @Test
    void secondOperationWhileOneRunsIsFailedPreconditionWithErrorInfo() {
        client.createNodePool(CLUSTER.resourceName(), NodePoolProtos.newPool(SeedPools.tpuPool(), SeedPools.STACK));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.createNodePool(CLUSTER.resourceName(), SeedPools.defaultPool().toBuilder().setName("other").build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION);
        assertThat(e.getReason()).isEqualTo("CLUSTER_ALREADY_HAS_OPERATION");
        assertThat(e.getDomain()).isEqualTo("container.googleapis.com");
    }

    @Test
    void unknownPoolAndClusterAreNotFound() {
        ApiException pool = catchThrowableOfType(ApiException.class, () -> client.getNodePool(poolName));
        ApiException cluster = catchThrowableOfType(ApiException.class,
                () -> client.listNodePools("projects/p/locations/l/clusters/none"));

        assertThat(pool.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
        assertThat(cluster.getStatusCode().getCode()).isEqualTo(StatusCode.Code.NOT_FOUND);
    }

    @Test
    void inPlaceMachineTypeChangeOfTpuPoolIsInvalidArgument() {
        gke.addPool(CLUSTER, SeedPools.liveTpuPool(), 1);

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.updateNodePool(UpdateNodePoolRequest.newBuilder()
                .setName(poolName).setMachineType("ct6e-standard-8t").build()));

        assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.INVALID_ARGUMENT);
        assertThat(gke.pool(SeedPools.TPU).getConfig().getMachineType()).isEqualTo("ct6e-standard-4t");
        assertThat(gke.mutatingCalls()).extracting(FakeClusterManager.Call::method).containsExactly("updateNodePool");
    }
}
