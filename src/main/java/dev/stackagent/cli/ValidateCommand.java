package dev.stackagent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.policy.PolicyException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate every stack of a config repo directory, every object against its schema, and report every problem "
                + "at once. Exit 0 when all are valid (warnings allowed), 1 when any is not, 2 on a usage error.")
public class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Config repo directory (holds stacks/<name>/stack.yaml).")
    Path dir;

    @Mixin
    PolicyOption policy;

    @Mixin
    SchemasOption schemas;

    @Option(names = "--strict", description = "Warnings are errors: a YAML file under a stack directory that no manifests entry "
            + "lists, a custom resource that is not schema-checked.")
    boolean strict;

    @Option(names = "--agent-namespace", defaultValue = "stack-agent", description = "The agent's namespace, never a stack's (default: ${DEFAULT-VALUE}).")
    String agentNamespace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println("error: " + dir + " is not a directory");
            return 2;
        }
        LoadRules rules;
        try {
            rules = LoadRules.of(policy.load()).withAgentNamespace(agentNamespace).withObjectCheck(schemas.check()).withStrict(strict);
        } catch (PolicyException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        DesiredState state = StackLoader.load("(working tree)", StackLoader.readRepository(dir), rules);
        var out = spec.commandLine().getOut();
        long objects = 0;
        long pools = 0;
        for (Stack s : state.stacks()) {
            int count = s.objects().size() + s.config().secretCopies().size(); // as plan counts them: Secret copies are objects too
            objects += count;
            pools += s.config().nodePools().size();
            out.printf("ok    %s (cluster %s, %d objects, %d node pools)%n", s.name(), s.config().cluster(), count,
                    s.config().nodePools().size());
        }
        for (Map.Entry<String, List<ValidationError>> e : state.rejected().entrySet()) {
            out.printf("error %s%n", e.getKey().isEmpty() ? dir.toString() : e.getKey());
            for (ValidationError err : e.getValue()) {
                out.printf("  %s%n", err);
            }
        }
        for (ValidationError w : state.warnings()) {
            out.printf("warning %s%n", w);
        }
        out.printf("%d stack(s) valid (%d objects, %d node pools), %d rejected%n", state.stacks().size(), objects, pools,
                state.rejected().keySet().stream().filter(n -> !n.isEmpty()).count());
        if (!state.warnings().isEmpty()) {
            out.printf("%d warning(s)%n", state.warnings().size());
        }
        return state.valid() ? 0 : 1;
    }
}
