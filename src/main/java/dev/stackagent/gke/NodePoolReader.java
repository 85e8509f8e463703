package dev.stackagent.gke;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.NodePool;

import dev.stackagent.desired.ClusterRef;

/** Reads the live node pools of a cluster from GKE and their current node counts from Kubernetes. */
public final class NodePoolReader {

    private final ClusterManagerClient client;
    private final GkeCalls calls;
    private final NodeCounter nodes;

    public NodePoolReader(ClusterManagerClient client, GkeCalls calls, NodeCounter nodes) {
        this.client = client;
        this.calls = calls;
        this.nodes = nodes;
    }

    /** The cluster's pools by name. */
    public Map<String, NodePool> pools(ClusterRef cluster) {
        String parent = cluster.resourceName();
        Map<String, NodePool> pools = new LinkedHashMap<>();
        calls.call("listNodePools", parent, () -> client.listNodePools(parent))
                .getNodePoolsList().forEach(p -> pools.put(p.getName(), p));
        return pools;
    }

    /** The cluster itself (network policy enforcement, Workload Identity) for the preflight checks. */
    public com.google.container.v1.Cluster cluster(ClusterRef cluster) {
        String name = cluster.resourceName();
        return calls.call("getCluster", name, () -> client.getCluster(name));
    }

    public NodePool pool(ClusterRef cluster, String name) {
        String resource = poolName(cluster, name);
        return calls.call("getNodePool", resource, () -> client.getNodePool(resource));
    }

    public OptionalInt nodeCount(String pool) {
        return nodes.count(pool);
    }

    static String poolName(ClusterRef cluster, String pool) {
        return cluster.resourceName() + "/nodePools/" + pool;
    }
}
