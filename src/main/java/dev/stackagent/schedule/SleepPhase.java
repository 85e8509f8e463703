package dev.stackagent.schedule;

/** Where a stack is between awake and asleep; shown in status and persisted in the cluster. */
public enum SleepPhase {
    Awake,
    FallingAsleep,
    Asleep,
    Waking
}
