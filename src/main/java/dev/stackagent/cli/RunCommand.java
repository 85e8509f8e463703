package dev.stackagent.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.stackagent.app.AgentRuntime;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent (the default): reconcile this cluster's stacks from Git.")
public class RunCommand implements Callable<Integer> {
    @Inject
    AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            runtime.start();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            spec.commandLine().getErr().println("error: the agent cannot start: " + root.getMessage());
            return 2;
        }
        try {
            Quarkus.waitForExit();
        } finally {
            runtime.stop();
        }
        return 0;
    }
}
