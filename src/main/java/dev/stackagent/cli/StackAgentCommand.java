package dev.stackagent.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

@Command(name = "stack-agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, scope = ScopeType.INHERIT,
        description = "Keeps an LLM inference stack on GKE exactly as a Git repository describes it.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, ReconcileCommand.class, SuspendCommand.class,
                ResumeCommand.class, WakeCommand.class, SleepCommand.class})
public class StackAgentCommand {

    /** Runs picocli with CDI-aware command construction; no arguments means {@code run}. */
    public static class Runner implements QuarkusApplication {
        @Inject
        CommandLine.IFactory factory;

        @Override
        public int run(String... args) {
            String[] effective = args.length == 0 ? new String[] {"run"} : args;
            return new CommandLine(StackAgentCommand.class, factory).execute(effective);
        }
    }
}
