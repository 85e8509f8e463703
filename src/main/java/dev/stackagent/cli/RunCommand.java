package dev.stackagent.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.stackagent.sync.AgentLoop;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent (the default): reconcile this cluster's stacks from Git.")
public class RunCommand implements Callable<Integer> {
    @Inject
    AgentLoop loop;

    @Override
    public Integer call() {
        loop.start();
        Quarkus.waitForExit();
        loop.stop();
        return 0;
    }
}
