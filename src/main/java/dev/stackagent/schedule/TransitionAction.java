package dev.stackagent.schedule;

/**
 * What the reconciler does now. The {@code SCALE_*} and {@code RESTORE_*} actions mean: apply the
 * effective desired state ({@link SleepOverlay#apply(dev.stackagent.desired.Stack, OverlayScope)}
 * with {@link TransitionProgress#overlayScope()}) to that part of the stack. The {@code WAIT_*}
 * actions mean: observe again later (at {@link NextStep#recheckAt()} at the latest).
 */
public enum TransitionAction {
    NONE,
    SCALE_WORKLOADS_TO_ZERO,
    WAIT_FOR_DRAIN,
    SCALE_POOLS_TO_ZERO,
    RESTORE_POOLS,
    RESTORE_WORKLOADS,
    WAIT_FOR_READY
}
