package dev.stackagent.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.desired.Durations;
import dev.stackagent.policy.Policy;
import dev.stackagent.schedule.ClusterOverride;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.triggers.StackAnnotations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wake} and {@code sleep}: a temporary, self-expiring schedule override written as annotations on the stack's
 * {@code Stack} resource ({@link StackAnnotations#SCHEDULE_OVERRIDE}, {@link StackAnnotations#SCHEDULE_OVERRIDE_UNTIL}).
 * While it lasts it beats Git's schedule and Git's overrides; {@code --for} is bounded by the policy's
 * {@code maxScheduleOverride} (default 12h), checked here and again by the agent.
 */
abstract class ScheduleOverrideCommand extends StackVerbCommand {
    @Option(names = "--for", required = true, paramLabel = "DURATION",
            description = "How long, e.g. 2h, 90m (at most the policy's maxScheduleOverride, default " + Policy.DEFAULT_MAX_SCHEDULE_OVERRIDE + ").")
    String duration;

    @Mixin
    PolicyOption policyOption;

    abstract ScheduleState state();

    @Override
    Map<String, String> annotations(Instant now) {
        Duration d = Durations.parse(duration);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("--for must be longer than 0 (was " + duration + ")");
        }
        Duration max = policyOption.load().scheduleOverrideBound();
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException("--for " + duration + " is longer than the policy's maxScheduleOverride "
                    + Durations.format(max) + (policyOption.file == null ? " (the built-in policy; the agent's may differ: --policy FILE)" : "")
                    + "; a longer change belongs in Git (schedule.overrides in stack.yaml)");
        }
        ClusterOverride o = new ClusterOverride(state(), now.plus(d).truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> a = new HashMap<>();
        a.put(StackAnnotations.SCHEDULE_OVERRIDE, state().name().toLowerCase(Locale.ROOT));
        a.put(StackAnnotations.SCHEDULE_OVERRIDE_UNTIL, o.until().toString());
        return a;
    }

    @Override
    String requested(Map<String, String> written) {
        return state().name().toLowerCase(Locale.ROOT) + " override of " + stack + " requested until "
                + written.get(StackAnnotations.SCHEDULE_OVERRIDE_UNTIL);
    }

    @Override
    Optional<Outcome> acted(StackResourceStatus s, Map<String, String> written) {
        String shown = s.getScheduleOverride();
        String expected = new ClusterOverride(state(), Instant.parse(written.get(StackAnnotations.SCHEDULE_OVERRIDE_UNTIL))).label();
        if (shown != null && shown.startsWith(expected) && shown.contains("ignored")) {
            return Optional.of(new Outcome(1, "error: the agent ignored the override of " + stack + ": " + shown));
        }
        if (!expected.equals(shown)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(0, "stack " + stack + ": " + shown + " (schedule state now " + s.getScheduleState()
                + (s.getNextTransition() == null ? "" : ", next transition " + s.getNextTransition()) + ")"));
    }
}
