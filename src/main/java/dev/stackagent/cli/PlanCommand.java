package dev.stackagent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.live.SecretCopyPlaceholders;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;
import dev.stackagent.sync.StackSync;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what the agent would change, for every stack of a config repo directory.",
                "Offline (no --kubeconfig) every object and node pool shows as it would be created.",
                "Exit 0: no drift; 1: drift; 2: error."})
public class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Config repo directory (holds stacks/<name>/stack.yaml).")
    Path dir;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Compare with the cluster of this kubeconfig's current context.")
    Path kubeconfig;

    @Option(names = "--agent-namespace", defaultValue = "stack-agent", description = "Namespace of the agent's inventories (default: ${DEFAULT-VALUE}).")
    String agentNamespace;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--stack", description = "Only this stack.")
    String only;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println("error: " + dir + " is not a directory");
            return 2;
        }
        if (!output.equals("text") && !output.equals("json")) {
            spec.commandLine().getErr().println("error: --output must be text or json (was " + output + ")");
            return 2;
        }
        DesiredState state = StackLoader.load("(working tree)", StackLoader.readDirectory(dir));
        List<String> errors = new ArrayList<>();
        state.rejected().forEach((stack, errs) -> errs.forEach(e -> errors.add(e.toString())));
        List<PlanReport.StackPlan> plans = new ArrayList<>();
        try (KubernetesClient client = kubeconfig == null ? null : client()) {
            StackSync live = client == null ? null : AgentWiring.preview(client, agentNamespace);
            for (Stack stack : state.stacks()) {
                if (only != null && !only.equals(stack.name())) continue;
                plans.add(plan(stack, live));
            }
        }
        PlanReport report = new PlanReport(plans, errors);
        if (output.equals("json")) {
            PlanRenderer.json(report, spec.commandLine().getOut());
        } else {
            PlanRenderer.text(report, spec.commandLine().getOut());
        }
        return report.hasErrors() ? 2 : report.hasDrift() ? 1 : 0;
    }

    private PlanReport.StackPlan plan(Stack stack, StackSync live) {
        String error = null;
        Plan plan;
        if (live == null) {
            List<DesiredObject> desired = new ArrayList<>(stack.objects());
            desired.addAll(SecretCopyPlaceholders.of(stack));
            plan = Planner.plan(stack.name(), desired, java.util.Map.of(), List.of(), false);
        } else {
            try {
                plan = live.preview(stack);
            } catch (RuntimeException e) {
                error = e.getMessage();
                plan = new Plan(stack.name(), List.of(), List.of(), List.of());
            }
        }
        List<PlanReport.Item> objects = plan.diffs().map(PlanCommand::item).toList();
        List<PlanReport.Item> pools = stack.config().nodePools().stream().map(PlanCommand::offlinePool).toList();
        return new PlanReport.StackPlan(stack.name(), String.valueOf(stack.config().cluster()), null, live != null, null,
                objects, pools, error);
    }

    static PlanReport.Item item(ObjectDiff d) {
        return new PlanReport.Item(d.ref().kind(), (d.ref().namespace() == null ? "" : d.ref().namespace() + "/") + d.ref().name(),
                d.action().name().toLowerCase(Locale.ROOT), d.changes(), d.reason());
    }

    static PlanReport.Item offlinePool(NodePoolSpec p) {
        return new PlanReport.Item("NodePool", p.name(), "create", List.of(),
                "would create if missing; live state unknown " + describe(p));
    }

    private static String describe(NodePoolSpec p) {
        StringBuilder sb = new StringBuilder("[");
        if (p.machineType() != null) sb.append(p.machineType());
        if (p.tpuTopology() != null) sb.append(", tpu ").append(p.tpuTopology());
        if (p.autoscaling() != null && p.autoscaling().isEnabled()) {
            sb.append(", autoscaling ").append(p.autoscaling().minNodeCount() == null ? p.autoscaling().totalMinNodeCount() : p.autoscaling().minNodeCount())
                    .append("..").append(p.autoscaling().maxNodeCount() == null ? p.autoscaling().totalMaxNodeCount() : p.autoscaling().maxNodeCount());
        } else if (p.nodeCount() != null) {
            sb.append(", ").append(p.nodeCount()).append(" nodes");
        }
        return sb.append("]").toString();
    }

    private KubernetesClient client() {
        try {
            String content = Files.readString(kubeconfig);
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(content)).build();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }
}
