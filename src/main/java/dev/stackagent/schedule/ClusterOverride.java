package dev.stackagent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A temporary schedule override requested through the cluster ({@code stack-agent wake|sleep STACK --for D}, recorded as
 * annotations on the stack's {@code Stack} resource): the stack is {@code state} until {@code until}. While it lasts it
 * beats Git's windows, holidays and overrides; at {@code until} it is over and Git's schedule decides again. Pure.
 */
public record ClusterOverride(ScheduleState state, Instant until) {
    /** Clock skew allowed between the machine that ran the CLI and the agent when checking the policy's bound. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public ClusterOverride {
        if (state == null || until == null) {
            throw new IllegalArgumentException("a cluster override needs a state and an until instant");
        }
        until = until.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Whether the override is in force at {@code at} (it ends at {@code until}). */
    public boolean activeAt(Instant at) {
        return at.isBefore(until);
    }

    /** Why the override is refused at {@code now} under the policy's {@code max}, or empty when it is within it. */
    public Optional<String> refusal(Instant now, Duration max) {
        if (until.isAfter(now.plus(max).plus(CLOCK_SKEW))) {
            return Optional.of(label() + " is longer than the policy's maxScheduleOverride " + dev.stackagent.desired.Durations.format(max) + " (ignored)");
        }
        return Optional.empty();
    }

    /** {@code awake until 2026-12-02T22:00:00Z}: what the Stack resource's {@code status.scheduleOverride} shows. */
    public String label() {
        return state.name().toLowerCase(Locale.ROOT) + " until " + until;
    }
}
