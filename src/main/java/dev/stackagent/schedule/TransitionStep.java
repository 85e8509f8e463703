package dev.stackagent.schedule;

/**
 * One step of a transition, in order. Sleep: {@link #ScaleWorkloadsToZero} -> {@link #WaitForDrain}
 * -> {@link #ScalePoolsToZero}. Wake: {@link #RestorePools} -> {@link #RestoreWorkloads} ->
 * {@link #WaitForReady}. {@link #Settled} is the step of the steady phases Awake and Asleep.
 */
public enum TransitionStep {
    ScaleWorkloadsToZero(SleepPhase.FallingAsleep),
    WaitForDrain(SleepPhase.FallingAsleep),
    ScalePoolsToZero(SleepPhase.FallingAsleep),
    RestorePools(SleepPhase.Waking),
    RestoreWorkloads(SleepPhase.Waking),
    WaitForReady(SleepPhase.Waking),
    Settled(null);

    private final SleepPhase phase;

    TransitionStep(SleepPhase phase) {
        this.phase = phase;
    }

    /** True when this step may be persisted together with {@code p}. */
    public boolean belongsTo(SleepPhase p) {
        return phase == null ? p == SleepPhase.Awake || p == SleepPhase.Asleep : phase == p;
    }
}
