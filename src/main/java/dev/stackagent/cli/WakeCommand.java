package dev.stackagent.cli;

import dev.stackagent.schedule.ScheduleState;
import picocli.CommandLine.Command;

/** {@code stack-agent wake STACK --for DURATION}: a temporary schedule override to awake. */
@Command(name = "wake", mixinStandardHelpOptions = true,
        description = {"Keep a stack awake for a while (the evening someone needs the model), whatever Git's schedule says.",
                "It expires by itself after --for; while it lasts it beats Git's schedule and Git's overrides.",
                "Recorded as annotations stack-agent.dev/schedule-override and -until on the Stack resource.",
                "With --wait, waits for status.scheduleOverride."})
public class WakeCommand extends ScheduleOverrideCommand {
    @Override
    ScheduleState state() {
        return ScheduleState.AWAKE;
    }
}
