package dev.stackagent.gke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.container.v1.ClusterManagerGrpc;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.DeleteNodePoolRequest;
import com.google.container.v1.GetNodePoolRequest;
import com.google.container.v1.GetOperationRequest;
import com.google.container.v1.ListNodePoolsRequest;
import com.google.container.v1.ListNodePoolsResponse;
import com.google.container.v1.ListOperationsRequest;
import com.google.container.v1.ListOperationsResponse;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodeTaint;
import com.google.container.v1.Operation;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateNodePoolRequest;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.rpc.ErrorInfo;

import dev.stackagent.desired.ClusterRef;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

/**
 * A GKE ClusterManager that behaves like GKE for node pools, served in-process: it keeps clusters and
 * pools; mutating calls return Operations that go PENDING → RUNNING → DONE over successive
 * {@code getOperation} polls and only then take effect; a second mutating call while one runs fails
 * with FAILED_PRECONDITION and ErrorInfo {@code CLUSTER_ALREADY_HAS_OPERATION}; unknown clusters and
 * pools are NOT_FOUND; an in-place machine type change is INVALID_ARGUMENT. Every call is logged.
 *
 * <pre>
 * try (FakeClusterManager gke = new FakeClusterManager().start()) {
 *     gke.addCluster(cluster);
 *     ClusterManagerClient client = gke.client();
 *     ...
 *     assertThat(gke.mutatingCalls()).isEmpty();
 * }
 * </pre>
 */
public final class FakeClusterManager extends ClusterManagerGrpc.ClusterManagerImplBase implements AutoCloseable {

    /** One call as received: method, resource name and the request in protobuf text form. */
    public record Call(String method, String target, String request) {
        public boolean mutating() {
            return !method.startsWith("get") && !method.startsWith("list");
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Map<String, Map<String, NodePool>> clusters = new LinkedHashMap<>();
    private final Map<String, Integer> nodes = new LinkedHashMap<>();
    private final Map<String, FakeOperation> operations = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<com.google.rpc.Status> nextMutationFailures = new ArrayDeque<>();
    private com.google.rpc.Status nextOperationError;
    private int pollsToDone = 2;
    private int operationIds;
    private Server server;
    private Server loopback;
    private ManagedChannel channel;
    private ClusterManagerClient client;

    private static final class FakeOperation {
        Operation operation;
        final String clusterKey;
        final Runnable effect;
        final com.google.rpc.Status error;
        int polls;

        FakeOperation(Operation operation, String clusterKey, Runnable effect, com.google.rpc.Status error) {
            this.operation = operation;
            this.clusterKey = clusterKey;
            this.effect = effect;
            this.error = error;
        }
    }

    // ---- lifecycle

    public FakeClusterManager start() {
        String name = "fake-gke-" + SERVERS.incrementAndGet();
        try {
            server = InProcessServerBuilder.forName(name).directExecutor().addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return this;
    }

    /**
     * Serves the fake on a loopback TCP port as well (for the agent configured with
     * {@code stack-agent.gke.endpoint=localhost:PORT} and {@code plaintext=true}); returns "localhost:PORT".
     */
    public synchronized String startOnLoopback() {
        try {
            loopback = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "localhost:" + loopback.getPort();
    }

    /** A client talking to this fake, without credentials. Closed with the fake. */
    public synchronized ClusterManagerClient client() {
        if (client == null) {
            try {
                client = ClusterManagerClient.create(ClusterManagerSettings.newBuilder()
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (loopback != null) {
            loopback.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ---- state for tests

    public synchronized FakeClusterManager addCluster(ClusterRef cluster) {
        clusters.putIfAbsent(cluster.resourceName(), new LinkedHashMap<>());
        return this;
    }

    /** Puts a pool as if it existed already (for example the default pool, or one a person made). */
    public synchronized FakeClusterManager addPool(ClusterRef cluster, NodePool pool, int nodeCount) {
        cluster(cluster.resourceName()).put(pool.getName(), pool);
        nodes.put(pool.getName(), nodeCount);
        return this;
    }

    /**
     * {@code pool} as the agent would have created it for {@code stack}: with its ownership resource
     * label (for fixtures of a pool the agent made in an earlier run).
     */
    public static NodePool createdByAgent(NodePool pool, String stack) {
        return pool.toBuilder().setConfig(pool.getConfig().toBuilder()
                .putResourceLabels(NodePoolOwnership.LABEL, NodePoolOwnership.labelValue(stack))).build();
    }

    /** The pool as GKE has it now, or null. */
    public synchronized NodePool pool(String name) {
        return clusters.values().stream().map(pools -> pools.get(name)).filter(p -> p != null).findFirst().orElse(null);
    }

    /** The Kubernetes Nodes the pool has now (what {@link NodeCounter} reads in the real agent). */
    public synchronized int nodeCount(String pool) {
        return nodes.getOrDefault(pool, 0);
    }

    /** As the cluster autoscaler would: changes the node count, not the pool. */
    public synchronized void setNodeCount(String pool, int count) {
        nodes.put(pool, count);
    }

    public NodeCounter nodeCounter() {
        return pool -> OptionalInt.of(nodeCount(pool));
    }

    /** Polls of {@code getOperation} until an operation is DONE (first poll: RUNNING). Default 2. */
    public synchronized FakeClusterManager pollsToDone(int polls) {
        this.pollsToDone = polls;
        return this;
    }

    /** The next operation started ends DONE with this error, and its change is not made. */
    public synchronized FakeClusterManager failNextOperation(int code, String message) {
        nextOperationError = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).build();
        return this;
    }

    /** The next mutating call is rejected as if another operation had just started (a race with someone else). */
    public synchronized FakeClusterManager rejectNextMutationAsBusy() {
        nextMutationFailures.add(busy("operation-someone-else"));
        return this;
    }

    /** The next mutating call is rejected with RESOURCE_EXHAUSTED (HTTP 429). */
    public synchronized FakeClusterManager rejectNextMutationAsExhausted() {
        nextMutationFailures.add(com.google.rpc.Status.newBuilder().setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage("Quota exceeded for quota metric 'Mutating requests' (429)").build());
        return this;
    }

    /** An operation started by someone else (GKE auto-upgrade, a person with gcloud); returns its id. */
    public synchronized String startExternalOperation(ClusterRef cluster, Operation.Type type) {
        return startOperation(cluster.resourceName(), type, cluster.resourceName(), () -> { }).getName();
    }

    public synchronized Operation operation(String id) {
        return operations.get(id).operation;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> mutatingCalls() {
        return calls.stream().filter(Call::mutating).toList();
    }

    public synchronized List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    // ---- reads

    @Override
    public synchronized void listNodePools(ListNodePoolsRequest request, StreamObserver<ListNodePoolsResponse> response) {
        String parent = request.getParent();
        handle("listNodePools", parent, request, response, () -> ListNodePoolsResponse.newBuilder()
                .addAllNodePools(cluster(parent).values()).build());
    }

    @Override
    public synchronized void getNodePool(GetNodePoolRequest request, StreamObserver<NodePool> response) {
        handle("getNodePool", request.getName(), request, response, () -> existingPool(request.getName()));
    }

    @Override
    public synchronized void getOperation(GetOperationRequest request, StreamObserver<Operation> response) {
        handle("getOperation", request.getName(), request, response, () -> poll(request.getName()));
    }

    @Override
    public synchronized void listOperations(ListOperationsRequest request, StreamObserver<ListOperationsResponse> response) {
        handle("listOperations", request.getParent(), request, response, () -> ListOperationsResponse.newBuilder()
                .addAllOperations(operations.values().stream().map(op -> op.operation)
                        .filter(op -> op.getSelfLink().contains("/" + request.getParent() + "/")).toList())
                .build());
    }

    // ---- mutations

    @Override
    public synchronized void createNodePool(CreateNodePoolRequest request, StreamObserver<Operation> response) {
        String parent = request.getParent();
        NodePool asked = request.getNodePool();
        handle("createNodePool", parent + "/nodePools/" + asked.getName(), request, response, () -> {
            Map<String, NodePool> pools = cluster(parent);
            if (pools.containsKey(asked.getName())) {
                throw Status.ALREADY_EXISTS.withDescription("Already exists: " + parent + "/nodePools/" + asked.getName())
                        .asRuntimeException();
            }
            return mutate(parent, Operation.Type.CREATE_NODE_POOL, parent + "/nodePools/" + asked.getName(), () -> {
                pools.put(asked.getName(), asCreatedByGke(asked));
                nodes.put(asked.getName(), asked.getInitialNodeCount());
            });
        });
    }

    @Override
    public synchronized void deleteNodePool(DeleteNodePoolRequest request, StreamObserver<Operation> response) {
        String name = request.getName();
        handle("deleteNodePool", name, request, response, () -> {
            existingPool(name);
            return mutate(clusterOf(name), Operation.Type.DELETE_NODE_POOL, name, () -> {
                cluster(clusterOf(name)).remove(poolOf(name));
                nodes.remove(poolOf(name));
            });
        });
    }

    @Override
    public synchronized void setNodePoolAutoscaling(SetNodePoolAutoscalingRequest request, StreamObserver<Operation> response) {
        String name = request.getName();
        handle("setNodePoolAutoscaling", name, request, response, () -> {
            existingPool(name);
            var a = request.getAutoscaling();
            if (a.getEnabled() && a.getMinNodeCount() > a.getMaxNodeCount() && a.getTotalMaxNodeCount() == 0) {
                throw Status.INVALID_ARGUMENT.withDescription("Autoscaling min_node_count must not exceed max_node_count")
                        .asRuntimeException();
            }
            return mutate(clusterOf(name), Operation.Type.SET_NODE_POOL_MANAGEMENT, name,
                    () -> replacePool(name, p -> p.setAutoscaling(a)));
        });
    }

    @Override
    public synchronized void setNodePoolSize(SetNodePoolSizeRequest request, StreamObserver<Operation> response) {
        String name = request.getName();
        handle("setNodePoolSize", name, request, response, () -> {
            existingPool(name);
            return mutate(clusterOf(name), Operation.Type.SET_NODE_POOL_SIZE, name,
                    () -> nodes.put(poolOf(name), request.getNodeCount())); // initial_node_count stays, as in GKE
        });
    }

    @Override
    public synchronized void updateNodePool(UpdateNodePoolRequest request, StreamObserver<Operation> response) {
        String name = request.getName();
        handle("updateNodePool", name, request, response, () -> {
            NodePool pool = existingPool(name);
            if (!request.getMachineType().isEmpty() && !request.getMachineType().equals(pool.getConfig().getMachineType())
                    && pool.getPlacementPolicy().getTpuTopology().length() > 0) {
                throw Status.INVALID_ARGUMENT.withDescription("Machine type of a TPU node pool cannot be changed: "
                        + pool.getConfig().getMachineType() + " -> " + request.getMachineType()).asRuntimeException();
            }
            return mutate(clusterOf(name), Operation.Type.UPGRADE_NODES, name, () -> replacePool(name, p -> {
                if (request.hasLabels()) {
                    p.getConfigBuilder().clearLabels().putAllLabels(request.getLabels().getLabelsMap());
                }
                if (request.hasTaints()) {
                    p.getConfigBuilder().clearTaints().addAllTaints(request.getTaints().getTaintsList());
                }
                if (request.hasResourceLabels()) { // GKE replaces the whole set of the pool's resource labels
                    p.getConfigBuilder().clearResourceLabels().putAllResourceLabels(request.getResourceLabels().getLabelsMap());
                }
                if (request.getLocationsCount() > 0) {
                    p.clearLocations().addAllLocations(request.getLocationsList());
                }
                if (!request.getMachineType().isEmpty()) {
                    p.getConfigBuilder().setMachineType(request.getMachineType());
                }
            }));
        });
    }

    // ---- behaviour

    /**
     * What GKE adds on creation: status, version, image type, a resource label of its own, and for TPU
     * pools the TPU taint. The resource labels asked for (the agent's ownership label) are kept.
     */
    private static NodePool asCreatedByGke(NodePool asked) {
        NodePool.Builder pool = asked.toBuilder().setStatus(NodePool.Status.RUNNING).setVersion("1.33.5-gke.1201000");
        pool.getConfigBuilder().setImageType("COS_CONTAINERD")
                .putResourceLabels("goog-gke-node-pool-provisioning-model", "on-demand");
        if (asked.getConfig().getMachineType().startsWith("ct")
                && asked.getConfig().getTaintsList().stream().noneMatch(t -> t.getKey().equals("google.com/tpu"))) {
            pool.getConfigBuilder().addTaints(NodeTaint.newBuilder().setKey("google.com/tpu").setValue("present")
                    .setEffect(NodeTaint.Effect.NO_SCHEDULE));
        }
        return pool.build();
    }

    private Operation mutate(String clusterKey, Operation.Type type, String target, Runnable effect) {
        if (!nextMutationFailures.isEmpty()) {
            throw StatusProto.toStatusRuntimeException(nextMutationFailures.poll());
        }
        operations.values().stream()
                .filter(op -> op.clusterKey.equals(clusterKey) && op.operation.getStatus() != Operation.Status.DONE)
                .findFirst()
                .ifPresent(running -> {
                    throw StatusProto.toStatusRuntimeException(busy(running.operation.getName()));
                });
        return startOperation(clusterKey, type, target, effect);
    }

    private Operation startOperation(String clusterKey, Operation.Type type, String target, Runnable effect) {
        String id = "operation-" + (++operationIds) + "-fake";
        String location = clusterKey.substring(0, clusterKey.indexOf("/clusters/"));
        Operation op = Operation.newBuilder()
                .setName(id)
                .setOperationType(type)
                .setStatus(Operation.Status.PENDING)
                .setSelfLink("https://container.googleapis.com/v1/" + location + "/operations/" + id)
                .setTargetLink("https://container.googleapis.com/v1/" + target)
                .build();
        operations.put(id, new FakeOperation(op, clusterKey, effect, nextOperationError));
        nextOperationError = null;
        return op;
    }

    private Operation poll(String name) {
        String id = name.substring(name.lastIndexOf('/') + 1);
        FakeOperation op = operations.get(id);
        if (op == null || !name.equals(op.operation.getSelfLink().replace("https://container.googleapis.com/v1/", ""))) {
            throw Status.NOT_FOUND.withDescription("Not found: " + name).asRuntimeException();
        }
        if (op.operation.getStatus() == Operation.Status.DONE) {
            return op.operation;
        }
        op.polls++;
        Operation.Builder next = op.operation.toBuilder().setStatus(Operation.Status.RUNNING);
        if (op.polls >= pollsToDone) {
            next.setStatus(Operation.Status.DONE);
            if (op.error != null) {
                next.setError(op.error).setStatusMessage(op.error.getMessage());
            } else {
                op.effect.run();
            }
        }
        op.operation = next.build();
        return op.operation;
    }

    private static com.google.rpc.Status busy(String runningOperation) {
        return com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.FAILED_PRECONDITION.value())
                .setMessage("Cluster is running incompatible operation " + runningOperation + ".")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("CLUSTER_ALREADY_HAS_OPERATION")
                        .setDomain("container.googleapis.com")
                        .putMetadata("operation", runningOperation)
                        .build()))
                .build();
    }

    private void replacePool(String name, Consumer<NodePool.Builder> change) {
        Map<String, NodePool> pools = cluster(clusterOf(name));
        NodePool.Builder pool = pools.get(poolOf(name)).toBuilder();
        change.accept(pool);
        pools.put(poolOf(name), pool.build());
    }

    private Map<String, NodePool> cluster(String clusterName) {
        Map<String, NodePool> pools = clusters.get(clusterName);
        if (pools == null) {
            throw Status.NOT_FOUND.withDescription("Not found: " + clusterName).asRuntimeException();
        }
        return pools;
    }

    private NodePool existingPool(String name) {
        NodePool pool = cluster(clusterOf(name)).get(poolOf(name));
        if (pool == null) {
            throw Status.NOT_FOUND.withDescription("Not found: " + name).asRuntimeException();
        }
        return pool;
    }

    private static String clusterOf(String poolName) {
        int at = poolName.indexOf("/nodePools/");
        if (at < 0) {
            throw Status.INVALID_ARGUMENT.withDescription("not a node pool name: " + poolName).asRuntimeException();
        }
        return poolName.substring(0, at);
    }

    private static String poolOf(String poolName) {
        return poolName.substring(poolName.lastIndexOf('/') + 1);
    }

    private interface Answer<T> {
        T get();
    }

    private <T> void handle(String method, String target, Message request, StreamObserver<T> response, Answer<T> answer) {
        calls.add(new Call(method, target, TextFormat.printer().shortDebugString(request)));
        T result;
        try {
            result = answer.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
