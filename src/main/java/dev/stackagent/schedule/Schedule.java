package dev.stackagent.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.ScheduleSpec.Override;

/**
 * The schedule as a pure function of time: {@link #decide(ScheduleSpec, Instant)}.
 *
 * <p>Rules, in order: no schedule means always awake; the first override (in Git order) whose
 * {@code until} is still ahead decides (an override is over at its {@code until} instant); otherwise
 * the stack is awake from {@code windowStart - wakeLeadTime} to {@code windowEnd} of every window
 * occurrence that does not start on a holiday, and asleep outside them. A window whose {@code to}
 * is not after its {@code from} crosses midnight and belongs to the date it starts on, so a night
 * window that starts the evening before a holiday runs to its end, and one that starts on the
 * holiday does not run at all. A cluster override ({@link #decide(ScheduleSpec, Instant, ClusterOverride)}) comes before
 * all of these while it lasts. See {@code docs/schedule.md}.
 */
public final class Schedule {
    /** How far past the instant (and past the last override) the next transition is looked for. */
    public static final Duration LOOK_AHEAD = Duration.ofDays(366);
    private static final Duration FIRST_LOOK = Duration.ofDays(8);

    private Schedule() {
    }

    /**
     * The desired state at {@code at}, why, and when it changes next.
     *
     * @throws IllegalArgumentException when the time zone is not an IANA zone
     */
    public static ScheduleDecision decide(ScheduleSpec spec, Instant at) {
        if (spec == null) {
            return ScheduleDecision.NO_SCHEDULE;
        }
        ZoneId zone = zone(spec);
        Instant lastOverride = spec.overrides().stream()
                .filter(Schedule::usable)
                .map(o -> o.until().toInstant())
                .max(Instant::compareTo)
                .orElse(at);
        Instant fullHorizon = (lastOverride.isAfter(at) ? lastOverride : at).plus(LOOK_AHEAD);
        Instant horizon = at.plus(FIRST_LOOK);
        while (true) {
            if (horizon.isAfter(fullHorizon)) {
                horizon = fullHorizon;
            }
            AwakeTimeline timeline = timeline(spec, zone, at, horizon);
            Instant next = nextChange(spec, timeline, at, horizon);
            if (next != null || !horizon.isBefore(fullHorizon)) {
                return describe(spec, timeline, at, next);
            }
            horizon = fullHorizon;
        }
    }

    /**
     * As {@link #decide(ScheduleSpec, Instant)}, with a cluster override ({@code stack-agent wake|sleep}) on top: while it
     * is in force it decides (reason {@link DecisionReason#CLUSTER_OVERRIDE}) and the next transition is its end when
     * Git's schedule then wants the other state; once over, or when {@code cluster} is null, Git's schedule decides alone.
     * {@code spec} may be null (no schedule: awake outside the override).
     */
    public static ScheduleDecision decide(ScheduleSpec spec, Instant at, ClusterOverride cluster) {
        if (cluster == null || !cluster.activeAt(at)) {
            return decide(spec, at);
        }
        ScheduleDecision after = decide(spec, cluster.until());
        Instant next = after.state() != cluster.state() ? cluster.until() : after.nextTransition();
        return new ScheduleDecision(cluster.state(), DecisionReason.CLUSTER_OVERRIDE, "cluster override: " + cluster.label(), false, next);
    }

    /** The schedule's time zone; UTC when none is given. */
    public static ZoneId zone(ScheduleSpec spec) {
        if (spec.timeZone() == null || spec.timeZone().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(spec.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + spec.timeZone() + "' is not an IANA time zone", e);
        }
    }

    private static AwakeTimeline timeline(ScheduleSpec spec, ZoneId zone, Instant from, Instant to) {
        long leadDays = spec.wakeLeadTime().toDays() + 1;
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(2);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(leadDays + 1);
        return AwakeTimeline.between(spec, zone, first, last);
    }

    private static Instant nextChange(ScheduleSpec spec, AwakeTimeline timeline, Instant at, Instant horizon) {
        TreeSet<Instant> candidates = timeline.boundaries();
        spec.overrides().stream().filter(Schedule::usable).forEach(o -> candidates.add(o.until().toInstant()));
        ScheduleState now = stateAt(spec, timeline, at);
        for (Instant c : candidates.tailSet(at, false)) {
            if (c.isAfter(horizon)) {
                return null;
            }
            if (stateAt(spec, timeline, c) != now) {
                return c;
            }
        }
        return null;
    }

    private static ScheduleState stateAt(ScheduleSpec spec, AwakeTimeline timeline, Instant at) {
        return activeOverride(spec.overrides(), at)
                .map(o -> o.state() == Override.State.Awake ? ScheduleState.AWAKE : ScheduleState.ASLEEP)
                .orElseGet(() -> timeline.awakeAt(at) ? ScheduleState.AWAKE : ScheduleState.ASLEEP);
    }

    /** The first override in Git order that is still in force at {@code at}. */
    static Optional<Override> activeOverride(List<Override> overrides, Instant at) {
        return overrides.stream().filter(Schedule::usable).filter(o -> at.isBefore(o.until().toInstant())).findFirst();
    }

    private static boolean usable(Override o) {
        return o != null && o.state() != null && o.until() != null;
    }

    private static ScheduleDecision describe(ScheduleSpec spec, AwakeTimeline timeline, Instant at, Instant next) {
        Optional<Override> override = activeOverride(spec.overrides(), at);
        if (override.isPresent()) {
            Override o = override.get();
            String text = "override until " + o.until() + (o.reason() == null || o.reason().isBlank() ? "" : ": " + o.reason());
            ScheduleState state = o.state() == Override.State.Awake ? ScheduleState.AWAKE : ScheduleState.ASLEEP;
            return new ScheduleDecision(state, DecisionReason.OVERRIDE, text, false, next);
        }
        List<WindowOccurrence> covering = timeline.covering(at);
        List<WindowOccurrence> working = covering.stream().filter(o -> !o.holiday()).toList();
        if (!working.isEmpty()) {
            Optional<WindowOccurrence> inWindow = working.stream().filter(o -> o.inWindow(at)).findFirst();
            WindowOccurrence shown = inWindow.orElse(working.get(0));
            return new ScheduleDecision(ScheduleState.AWAKE, DecisionReason.WINDOW,
                    "window " + WindowLabel.of(shown.window()), inWindow.isEmpty(), next);
        }
        if (!covering.isEmpty()) {
            return new ScheduleDecision(ScheduleState.ASLEEP, DecisionReason.HOLIDAY,
                    "holiday " + covering.get(0).date(), false, next);
        }
        return new ScheduleDecision(ScheduleState.ASLEEP, DecisionReason.OUTSIDE_WINDOWS, "outside awake windows", false, next);
    }
}
