package dev.stackagent.triggers;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import dev.stackagent.report.ClusterRequests;
import dev.stackagent.schedule.ClusterOverride;
import dev.stackagent.schedule.ScheduleState;

/**
 * The annotations on a {@code Stack} resource through which on-call acts on a stack ({@code stack-agent reconcile,
 * suspend, resume, wake, sleep} write them; the agent watches them), and how the agent reads them. Flux's
 * {@code reconcile.fluxcd.io/requestedAt} pattern: the agent records the request it handled in
 * {@code status.lastHandledReconcileAt}, so the CLI can wait for it.
 */
public final class StackAnnotations {
    static final String PREFIX = "stack-agent.dev/";
    /** RFC 3339 instant of a reconcile request ({@code stack-agent reconcile}). */
    public static final String RECONCILE_REQUESTED_AT = PREFIX + "reconcile-requested-at";
    /** {@code "true"}: fetch Git before syncing ({@code --with-source}). */
    public static final String RECONCILE_WITH_SOURCE = PREFIX + "reconcile-with-source";
    /** {@code "true"}: no apply, no prune, drift still reported ({@code stack-agent suspend}). */
    public static final String SUSPENDED = PREFIX + "suspended";
    /** Why the stack is suspended ({@code --reason}). */
    public static final String SUSPENDED_REASON = PREFIX + "suspended-reason";
    /** {@code awake} or {@code asleep} ({@code stack-agent wake|sleep}). */
    public static final String SCHEDULE_OVERRIDE = PREFIX + "schedule-override";
    /** RFC 3339 instant the override ends at. */
    public static final String SCHEDULE_OVERRIDE_UNTIL = PREFIX + "schedule-override-until";

    /** Every annotation the agent acts on: a change to any of them queues the stack. */
    public static final Set<String> ALL = Set.of(RECONCILE_REQUESTED_AT, RECONCILE_WITH_SOURCE, SUSPENDED, SUSPENDED_REASON,
            SCHEDULE_OVERRIDE, SCHEDULE_OVERRIDE_UNTIL);

    private StackAnnotations() {
    }

    /**
     * What the annotations ask, at {@code now}: an override longer than {@code maxOverride} (plus a minute of clock
     * skew) or one that cannot be read is not applied and says why; an expired one is dropped.
     */
    public static ClusterRequests read(Map<String, String> annotations, Instant now, Duration maxOverride) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        String requested = blankToNull(a.get(RECONCILE_REQUESTED_AT));
        boolean withSource = requested != null && "true".equalsIgnoreCase(a.get(RECONCILE_WITH_SOURCE));
        boolean suspended = "true".equalsIgnoreCase(a.get(SUSPENDED));
        String reason = suspended ? blankToNull(a.get(SUSPENDED_REASON)) : null;
        ClusterOverride override = null;
        String refusal = null;
        String state = blankToNull(a.get(SCHEDULE_OVERRIDE));
        if (state != null) {
            try {
                override = new ClusterOverride(state(state), instant(a.get(SCHEDULE_OVERRIDE_UNTIL)));
                refusal = override.refusal(now, maxOverride).orElse(null);
                if (refusal != null || !override.activeAt(now)) {
                    override = null;
                }
            } catch (IllegalArgumentException e) {
                refusal = "schedule override ignored: " + e.getMessage();
            }
        }
        return new ClusterRequests(requested, withSource, suspended, reason, override, refusal);
    }

    /** {@code awake} or {@code asleep}, in any case. */
    public static ScheduleState state(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "awake" -> ScheduleState.AWAKE;
            case "asleep" -> ScheduleState.ASLEEP;
            default -> throw new IllegalArgumentException(SCHEDULE_OVERRIDE + " must be awake or asleep (was '" + text + "')");
        };
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(SCHEDULE_OVERRIDE_UNTIL + " is missing");
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SCHEDULE_OVERRIDE_UNTIL + " is not an RFC 3339 instant (was '" + text + "')");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
