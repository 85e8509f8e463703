package dev.stackagent.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.stackagent.sync.AgentRuntime;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent (the default): reconcile this cluster's stacks from Git.")
public class RunCommand implements Callable<Integer> {
    @Inject
    AgentRuntime runtime;

    @Override
    public Integer call() {
        runtime.start();
        try {
            Quarkus.waitForExit();
        } finally {
            runtime.stop();
        }
        return 0;
    }
}
