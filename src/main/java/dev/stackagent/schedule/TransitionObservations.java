package dev.stackagent.schedule;

/**
 * What the reconciler saw in the cluster and in GKE just before asking for the next step.
 *
 * @param workloadsAtZero   every sleeping workload has {@code spec.replicas: 0} live
 * @param tpuPodsGone       no pod (DaemonSets aside) runs on a node of a sleeping pool
 * @param poolsAtZero       every sleeping pool is at zero nodes with autoscaling off, no GKE operation pending
 * @param poolsRestored     every sleeping pool has Git's settings again, no GKE operation pending
 * @param workloadsRestored every sleeping workload has Git's replicas (and scaling) again live
 * @param servingReady      every LLMInferenceService of the stack has condition Ready=True
 */
public record TransitionObservations(
        boolean workloadsAtZero,
        boolean tpuPodsGone,
        boolean poolsAtZero,
        boolean poolsRestored,
        boolean workloadsRestored,
        boolean servingReady) {

    /** Nothing observed done yet. */
    public static final TransitionObservations NOTHING =
            new TransitionObservations(false, false, false, false, false, false);
}
