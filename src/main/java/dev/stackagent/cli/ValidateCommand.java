package dev.stackagent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "validate", description = "Validate a config repo directory. Exit 0 when valid, 1 with errors.")
public class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
