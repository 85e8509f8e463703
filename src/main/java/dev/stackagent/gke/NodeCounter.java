package dev.stackagent.gke;

import java.util.OptionalInt;

/**
 * How many nodes a pool has right now. GKE's NodePool has no current-size field
 * ({@code initial_node_count} is only the size asked for at creation), so this comes from Kubernetes.
 */
@FunctionalInterface
public interface NodeCounter {

    /** Empty when it cannot be known (the cluster API is unreachable). */
    OptionalInt count(String pool);
}
