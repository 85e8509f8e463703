package dev.stackagent.schedule;

/** What the schedule wants the stack to be at an instant: serving ({@code AWAKE}) or scaled to zero ({@code ASLEEP}). */
public enum ScheduleState {
    AWAKE,
    ASLEEP
}
