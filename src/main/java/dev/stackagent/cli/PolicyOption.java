package dev.stackagent.cli;

import java.nio.file.Path;

import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;
import picocli.CommandLine.Option;

/** {@code --policy FILE}: check stacks as the agent will, under the platform team's policy (default: the built-in one). */
public class PolicyOption {
    @Option(names = "--policy", paramLabel = "FILE",
            description = "The agent's policy file (what stacks may touch); default: the built-in policy.")
    Path file;

    /** The policy; {@link dev.stackagent.policy.PolicyException} when the file cannot be read or is not valid. */
    Policy load() {
        return PolicyLoader.load(file);
    }
}
