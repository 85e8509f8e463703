package dev.stackagent.schedule;

/**
 * Which parts of a stack the sleep overlay puts to sleep. During a transition the parts change one
 * after the other (workloads first when falling asleep, node pools first when waking), so the
 * reconciler asks {@link TransitionProgress#overlayScope()} rather than the schedule.
 */
public record OverlayScope(boolean workloads, boolean nodePools) {
    /** Git's desired state unchanged. */
    public static final OverlayScope NONE = new OverlayScope(false, false);
    /** Workloads at zero replicas, node pools as Git has them. */
    public static final OverlayScope WORKLOADS = new OverlayScope(true, false);
    /** Workloads at zero replicas and the scheduled node pools at zero nodes. */
    public static final OverlayScope ALL = new OverlayScope(true, true);

    /** The scope for a steady state: everything asleep when ASLEEP, nothing when AWAKE. */
    public static OverlayScope of(ScheduleState state) {
        return state == ScheduleState.ASLEEP ? ALL : NONE;
    }
}
