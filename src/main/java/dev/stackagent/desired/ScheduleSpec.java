package dev.stackagent.desired;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * When the stack is awake. Outside every awake window the stack sleeps: workloads at zero
 * replicas, the TPU pool at zero nodes. No schedule at all means "always awake".
 */
@RegisterForReflection
public record ScheduleSpec(
        String timeZone,
        List<Window> awake,
        List<LocalDate> holidays,
        List<Override> overrides,
        @JsonDeserialize(using = Durations.Deserializer.class) Duration wakeLeadTime,
        @JsonDeserialize(using = Durations.Deserializer.class) Duration drainTimeout,
        List<WorkloadRef> workloads,
        List<String> nodePools) {

    public static final Duration DEFAULT_WAKE_LEAD_TIME = Duration.ofMinutes(20);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    public ScheduleSpec {
        awake = awake == null ? List.of() : List.copyOf(awake);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        wakeLeadTime = wakeLeadTime == null ? DEFAULT_WAKE_LEAD_TIME : wakeLeadTime;
        drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout;
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        nodePools = nodePools == null ? null : List.copyOf(nodePools);
    }

    /** An awake window: on each of {@code days}, from {@code from} to {@code to} local time; {@code to <= from} crosses midnight. */
    @RegisterForReflection
    public record Window(
            @JsonDeserialize(using = Days.Deserializer.class) Set<DayOfWeek> days,
            LocalTime from,
            LocalTime to) {
    }

    /** A committed, self-expiring override: the stack is {@code state} until {@code until}. */
    @RegisterForReflection
    public record Override(State state, OffsetDateTime until, String reason) {
        @RegisterForReflection
        public enum State { Awake, Asleep }
    }

    /**
     * A workload scaled to zero while asleep, besides every LLMInferenceService of the stack
     * (for example a Deployment). Identified by kind and name within the stack's objects.
     */
    @RegisterForReflection
    public record WorkloadRef(String kind, String name, String namespace) {
    }
}
