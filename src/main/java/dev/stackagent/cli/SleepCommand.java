package dev.stackagent.cli;

import dev.stackagent.schedule.ScheduleState;
import picocli.CommandLine.Command;

/** {@code stack-agent sleep STACK --for DURATION}: a temporary schedule override to asleep. */
@Command(name = "sleep", mixinStandardHelpOptions = true,
        description = {"Put a stack to sleep for a while (a day nobody needs it), whatever Git's schedule says.",
                "It expires by itself after --for; while it lasts it beats Git's schedule and Git's overrides.",
                "Recorded as annotations stack-agent.dev/schedule-override and -until on the Stack resource.",
                "With --wait, waits for status.scheduleOverride."})
public class SleepCommand extends ScheduleOverrideCommand {
    @Override
    ScheduleState state() {
        return ScheduleState.ASLEEP;
    }
}
