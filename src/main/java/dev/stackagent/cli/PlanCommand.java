package dev.stackagent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "plan", description = "Show what the agent would change.")
public class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
