package dev.stackagent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.cloud.container.v1.ClusterManagerClient;

import dev.stackagent.apply.DryRunWriter;
import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.gke.ClusterManagerClientFactory;
import dev.stackagent.gke.GkeEndpoint;
import dev.stackagent.gke.NodePoolDiff;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.gke.Sleeper;
import dev.stackagent.live.SecretCopyPlaceholders;
import dev.stackagent.plan.Plan;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyException;
import dev.stackagent.plan.Planner;
import dev.stackagent.schedule.OverlayScope;
import dev.stackagent.schedule.Schedule;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.sync.Preview;
import dev.stackagent.sync.StackPreviewer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what the agent would change, for every stack of a config repo directory.",
                "Offline (no --kubeconfig) every object shows as it would be created and node pools as 'live state unknown'.",
                "With --at, the schedule's state at that instant and the effective desired state then.",
                "Exit 0: no drift; 1: drift; 2: error."})
public class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Config repo directory (holds stacks/<name>/stack.yaml).")
    Path dir;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Compare with the cluster of this kubeconfig's current context.")
    Path kubeconfig;

    @Option(names = "--agent-namespace", defaultValue = "stack-agent", description = "Namespace of the agent's inventories (default: ${DEFAULT-VALUE}).")
    String agentNamespace;

    @Option(names = "--gke", description = "Also read node pools from the GKE API (Application Default Credentials).")
    boolean gke;

    @Option(names = "--gke-endpoint", paramLabel = "HOST:PORT", description = "GKE API endpoint (an emulator); implies --gke.")
    String gkeEndpoint;

    @Option(names = "--gke-plaintext", description = "Plaintext to a loopback --gke-endpoint, without credentials.")
    boolean gkePlaintext;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Plan as of this instant, e.g. 2026-11-27T19:00:00+01:00, or a local date-time in the stack's time zone, e.g. 2026-11-27T19:00 (default: now).")
    String at;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--stack", description = "Only this stack.")
    String only;

    @Option(names = "--server-dry-run", description = {"With --kubeconfig: send each create and patch with dryRun=All (strict field validation);",
            "show what the server would store and what it rejects (exit 1). Nothing is written."})
    boolean serverDryRun;

    @Mixin
    PolicyOption policyOption;

    /**
     * With --schemas the manifests are schema-checked as `validate --schemas` does (built-in kinds and the given CRDs);
     * with --kubeconfig too, custom resources that no file describes are checked against the cluster's own CRDs.
     */
    @Mixin
    SchemasOption schemas;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            return usage(dir + " is not a directory");
        }
        if (!output.equals("text") && !output.equals("json")) {
            return usage("--output must be text or json (was " + output + ")");
        }
        if (serverDryRun && kubeconfig == null) {
            return usage("--server-dry-run needs --kubeconfig (a cluster to ask)");
        }
        Optional<PlanInstant> instant;
        try {
            instant = at == null ? Optional.empty() : Optional.of(PlanInstant.parse(at));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        Policy policy;
        try {
            policy = policyOption.load();
        } catch (PolicyException e) {
            return usage(e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        List<PlanReport.StackPlan> plans = new ArrayList<>();
        ClusterManagerClient gkeClient = null;
        try (KubernetesClient client = kubeconfig == null ? null : client()) {
            // against a cluster, as the agent does: of two stacks claiming one thing, the one whose inventory holds it keeps it
            LoadRules rules = LoadRules.of(policy).withAgentNamespace(agentNamespace).withHolders(holders(client));
            if (!schemas.dirs.isEmpty()) {
                try {
                    rules = rules.withObjectCheck(client == null ? schemas.check() : schemas.check(clusterSchemas(client)));
                } catch (java.io.IOException e) {
                    return usage("--schemas: " + e.getMessage());
                }
            }
            DesiredState state = StackLoader.load("(working tree)", StackLoader.readRepository(dir), rules);
            if (only != null && state.stacks().stream().noneMatch(st -> st.name().equals(only)) && !state.rejected().containsKey(only)) {
                return usage("no stack '" + only + "' in " + dir + " (stacks: " + String.join(", ", names(state)) + ")");
            }
            state.rejected().forEach((stack, errs) -> {
                if (only == null || only.equals(stack) || stack.isEmpty()) errs.forEach(e -> errors.add(e.toString()));
            });
            NodePools pools = NodePools.notManaged();
            if (gke || gkeEndpoint != null) {
                gkeClient = ClusterManagerClientFactory.create(GkeEndpoint.checked(Optional.ofNullable(gkeEndpoint), gkePlaintext));
                pools = new GkeNodePools(gkeClient, pool -> java.util.OptionalInt.empty(), new SimpleMeterRegistry(),
                        OperationPolicy.defaults(), Sleeper.SYSTEM, policy);
            }
            StackPreviewer live = client == null ? null : AgentWiring.preview(client, agentNamespace, pools, policy);
            DryRunWriter dryRun = serverDryRun ? new DryRunWriter(client) : null; // sends only dryRun=All requests
            Instant now = Instant.now();
            for (Stack stack : state.stacks()) {
                if (only != null && !only.equals(stack.name())) continue;
                Instant when = instant.map(i -> i.of(stack)).orElse(now);
                plans.add(plan(stack, live, dryRun, pools, when, instant.isPresent(), policy));
            }
        } catch (IllegalStateException e) {
            return usage(e.getMessage());
        } finally {
            if (gkeClient != null) gkeClient.close();
        }
        PlanReport report = new PlanReport(plans, errors);
        if (output.equals("json")) {
            PlanRenderer.json(report, spec.commandLine().getOut());
        } else {
            PlanRenderer.text(report, spec.commandLine().getOut());
        }
        return report.hasErrors() ? 2 : report.hasDrift() ? 1 : 0;
    }

    private static List<String> names(DesiredState state) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>(state.rejected().keySet());
        out.remove("");
        state.stacks().forEach(st -> out.add(st.name()));
        return List.copyOf(out);
    }

    /** Who holds what in the cluster (the agent's inventories); nothing offline. */
    private Map<String, String> holders(KubernetesClient client) {
        if (client == null) {
            return Map.of();
        }
        try {
            return new InventoryStore(client, agentNamespace).holders();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new IllegalStateException(ClusterErrors.describe(e, String.valueOf(client.getMasterUrl()),
                    "read the agent's inventories in namespace " + agentNamespace), e);
        }
    }

    private PlanReport.StackPlan plan(Stack gitStack, StackPreviewer live, DryRunWriter dryRun, NodePools pools, Instant when,
            boolean explicitInstant, Policy policy) {
        String scheduleLine = null;
        if (gitStack.config().schedule() != null) {
            ScheduleDecision d = Schedule.decide(gitStack.config().schedule(), when);
            java.time.ZoneId zone = Schedule.zone(gitStack.config().schedule());
            scheduleLine = (d.awake() ? "Awake" : "Asleep") + " at " + PlanInstant.format(when, zone) + " (" + d.detail()
                    + (d.inLeadTime() ? ", wake lead time" : "") + ")"
                    + d.next().map(n -> "; next transition " + PlanInstant.format(n, zone)).orElse("");
        } else if (explicitInstant) {
            scheduleLine = "no schedule: always awake";
        }
        if (live != null) {
            try {
                Preview preview = live.preview(gitStack, when);
                return dryRun == null ? report(preview, scheduleLine, pools.managed())
                        : ServerDryRunReport.report(preview, dryRun, scheduleLine, pools.managed());
            } catch (RuntimeException e) {
                return new PlanReport.StackPlan(gitStack.name(), String.valueOf(gitStack.config().cluster()), true, scheduleLine,
                        List.of(), List.of(), e.getMessage());
            }
        }
        // offline: the schedule's state at that instant, every object to be created, Secret copies as placeholders
        Stack stack = gitStack.config().schedule() == null ? gitStack
                : SleepOverlay.apply(gitStack, OverlayScope.of(Schedule.decide(gitStack.config().schedule(), when).state()));
        List<DesiredObject> desired = new ArrayList<>(stack.objects());
        desired.addAll(SecretCopyPlaceholders.of(stack));
        Plan plan = Planner.plan(stack.name(), desired, Map.of(), List.of(), false, policy);
        List<NodePoolDrift> poolDrift = pools.managed() ? pools.plan(stack.config().cluster(), stack.name(), stack.config().nodePools())
                : offlinePools(stack);
        return report(stack, plan, poolDrift, false, scheduleLine);
    }

    /** The plan report of the agent's own preview: what {@code plan --kubeconfig} prints. */
    static PlanReport.StackPlan report(Preview preview, String scheduleLine, boolean gke) {
        return report(preview.effective(), preview.plan(), gke ? preview.poolDrift() : offlinePools(preview.effective()), true, scheduleLine);
    }

    private static List<NodePoolDrift> offlinePools(Stack stack) {
        return stack.config().nodePools().stream().map(p -> NodePoolDiff.offline(p, "live state unknown (GKE not queried; add --gke)")).toList();
    }

    private static PlanReport.StackPlan report(Stack effective, Plan plan, List<NodePoolDrift> poolDrift, boolean isLive, String scheduleLine) {
        List<PlanReport.Item> objects = plan.diffs().map(d -> {
            PlanReport.Item i = PlanItems.item(d, PlanItems.desired(plan, d), isLive);
            boolean asleep = effective.objects().stream().anyMatch(o -> o.ref().equals(d.ref()) && SleepOverlay.isWorkload(o, effective.config().schedule())
                    && o.body().path("spec").path("replicas").asInt(-1) == 0 && effective.config().schedule() != null);
            return asleep ? new PlanReport.Item(i.kind(), i.name(), i.action(), i.changes(),
                    (i.note() == null ? "" : i.note() + "; ") + "asleep: spec.replicas 0") : i;
        }).toList();
        List<PlanReport.Item> nodePools = poolDrift.stream().map(PlanCommand::item).toList();
        return new PlanReport.StackPlan(effective.name(), String.valueOf(effective.config().cluster()), isLive, scheduleLine,
                objects, nodePools, null);
    }

    static PlanReport.Item item(ObjectDiff d, boolean live) {
        return PlanItems.item(d, null, live);
    }

    static PlanReport.Item item(NodePoolDrift d) {
        String action = switch (d.liveState()) {
            case ABSENT -> "create";
            case UNKNOWN -> "unknown"; // "would create if absent": shown, not counted as drift
            case NOT_MANAGED -> "unmanaged";
            case PRESENT -> d.changes().isEmpty() ? "unchanged" : d.needsReplacement() ? "replace" : "update";
        };
        String note = d.notes().isEmpty() ? null : String.join("; ", d.notes());
        if (d.blocked()) {
            note = (note == null ? "" : note + "; ") + "blocked: " + String.join("; ", d.changes().stream()
                    .filter(c -> !c.allowed()).map(c -> c.reason()).distinct().toList());
        }
        return new PlanReport.Item("NodePool", d.pool(), action, d.fieldChanges(), note);
    }

    private dev.stackagent.schema.SchemaSource clusterSchemas(KubernetesClient client) {
        var cluster = dev.stackagent.schema.ClusterSchemaSource.read(client);
        if (cluster.problem() != null) {
            spec.commandLine().getErr().println("warning: " + cluster.problem());
        }
        return cluster;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("error: " + message);
        return 2;
    }

    private KubernetesClient client() {
        try {
            String content = Files.readString(kubeconfig);
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(content)).build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }
}
