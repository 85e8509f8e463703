package dev.stackagent.gke;

/** What one node-pool change needs from GKE, in the order the applier runs them. */
public enum ChangeType {
    /** The pool does not exist: {@code createNodePool}. */
    CREATE,
    /** Machine type, TPU topology, spot or disk differ: only a new pool can have them. */
    REQUIRES_REPLACEMENT,
    /** {@code setNodePoolAutoscaling}; runs before a size change (turn autoscaling off, then resize). */
    SET_AUTOSCALING,
    /** {@code setNodePoolSize}; only while autoscaling is off. */
    SET_SIZE,
    /** {@code updateNodePool} with the full label and taint sets (GKE replaces each set). */
    UPDATE_LABELS_TAINTS,
    /** {@code updateNodePool} with the node locations (zones). */
    UPDATE_LOCATIONS
}
