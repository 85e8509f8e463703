package dev.stackagent.cli;

import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

@Command(name = "run", description = "Run the agent (the default): reconcile this cluster's stacks from Git.")
public class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
