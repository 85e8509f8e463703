package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.crd.StackHealthLookup;
import dev.stackagent.crd.StackResource;
import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.crd.StackResourceWriter;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePools;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.testing.MutableClock;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import dev.stackagent.triggers.StackAnnotations;
import dev.stackagent.triggers.StackRequestWatcher;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import picocli.CommandLine;

/**
 * The verbs on a stack end to end on the CRUD test server: the CLI writes annotations on the Stack resource, the
 * agent's watch on Stack resources sees them and syncs the stack with them (StackSync and the Stack resource's status
 * as the agent runs them), and {@code --wait} returns once the status shows it.
 */
@EnableKubernetesMockClient(crud = true)
class StackVerbCommandTest {
    static final String NS = "stack-agent";
    static final String REV = "0123456789abcdef0123456789abcdef01234567";
    /** Wednesday noon: awake by the stack's window. */
    static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");
    /** Saturday noon: asleep by the stack's window. */
    static final Instant SATURDAY = Instant.parse("2026-12-05T12:00:00Z");

    KubernetesClient client;
    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;

    @TempDir
    Path tmp;
    Path kubeconfig;
    final MutableClock clock = new MutableClock(NOON);
    final ExecutorService agentThread = Executors.newSingleThreadExecutor();
    final List<SyncResult> syncs = new ArrayList<>();
    StackSync sync;
    StackResourceWriter writer;
    StackRequestWatcher watcher;
    Stack stack;

    @BeforeEach
    void agentRunning() throws IOException {
        dev.stackagent.testing.ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them
        TestCrds.installStack(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        stack = Stacks.load(Map.of("stacks/demo/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces:
                  - name: llm
                schedule:
                  timeZone: UTC
                  wakeLeadTime: 0s
                  awake:
                    - {days: Mon-Fri, from: "07:00", to: "19:00"}
                """, "stacks/demo/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: llm}
                data: {maxModelLen: "2048"}
                """), Stacks.WIDER_KINDS);
        sync = new StackSync(SyncParts.of(client, NS, NodePools.notManaged(), EventRecorder.NONE), clock);
        writer = new StackResourceWriter(client, NS, "https://git.example/acme/llm-stacks.git", StackHealthLookup.none());
        watcher = new StackRequestWatcher(client, NS, name -> agentThread.submit(this::agentSync), clock, () -> Duration.ofHours(12));
        agentSync(); // the first sync creates the Stack resource
        watcher.start();
        await().atMost(Duration.ofSeconds(10)).until(watcher::synced);
        kubeconfig = dev.stackagent.testing.Kubeconfigs.write(tmp.resolve("kubeconfig"), client.getMasterUrl());
    }

    @AfterEach
    void stop() {
        watcher.close();
        agentThread.shutdownNow();
    }

    /** What the agent's work queue does with the stack's key: sync it with its requests, write the Stack resource. */
    synchronized SyncResult agentSync() {
        SyncResult r = sync.sync(stack, REV, watcher == null ? dev.stackagent.report.ClusterRequests.NONE : watcher.requests("demo"));
        writer.synced(stack, r);
        syncs.add(r);
        return r;
    }

    synchronized SyncResult lastSync() {
        return syncs.get(syncs.size() - 1);
    }

    record Run(int exitCode, String out, String err) {
    }

    Run cli(Clock cliClock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new StackAgentCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof StackVerbCommand verb) {
                    verb.clock = cliClock;
                    verb.pollEvery = Duration.ofMillis(50);
                }
                return made;
            }
        });
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Run cli(String... args) {
        return cli(Clock.systemUTC(), args);
    }

    StackResource resource() {
        return client.resources(StackResource.class).inNamespace(NS).withName("demo").get();
    }

    Map<String, String> annotations() {
        Map<String, String> a = resource().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    String configValue() {
        return client.configMaps().inNamespace("llm").withName("settings").get().getData().get("maxModelLen");
    }

    @Test
    void reconcileCommandWaitsUntilTheAgentHandledTheRequest() {
        Run r = cli("reconcile", "demo", "--wait", "--timeout", "30s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("reconcile of demo requested at ").contains("stack demo reconciled at revision 0123456789ab: Synced");
        String requested = annotations().get(StackAnnotations.RECONCILE_REQUESTED_AT);
        assertThat(requested).isNotNull();
        assertThat(resource().getStatus().getLastHandledReconcileAt()).isEqualTo(requested);
        assertThat(annotations()).doesNotContainKey(StackAnnotations.RECONCILE_WITH_SOURCE);
    }

    @Test
    void reconcileCommandWithSourceAnnotationAndAgentSyncsAnOutOfBandEdit() {
        client.configMaps().inNamespace("llm").withName("settings").edit(cm -> {
            cm.getData().put("maxModelLen", "9999");
            return cm;
        });

        Run r = cli("reconcile", "demo", "--with-source", "--wait", "--timeout", "30s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(annotations()).containsEntry(StackAnnotations.RECONCILE_WITH_SOURCE, "true");
        assertThat(configValue()).as("the sync the request caused corrected the edit").isEqualTo("2048");
    }

    @Test
    void suspendCommandHoldsWritesAndStillReportsDriftUntilResume() {
        Run suspended = cli("suspend", "demo", "--reason", "INC-42: bad model", "--wait", "--timeout", "30s");

        assertThat(suspended.exitCode()).as(suspended.err()).isZero();
        assertThat(suspended.out()).contains("suspend of demo requested (INC-42: bad model)").contains("stack demo suspended (INC-42: bad model)");
        assertThat(annotations()).containsEntry(StackAnnotations.SUSPENDED, "true")
                .containsEntry(StackAnnotations.SUSPENDED_REASON, "INC-42: bad model");
        client.configMaps().inNamespace("llm").withName("settings").edit(cm -> {
            cm.getData().put("maxModelLen", "9999");
            return cm;
        });

        SyncResult held = agentSync();

        assertThat(held.status()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(held.drifted()).as("drift still reported").isEqualTo(1);
        assertThat(held.changes().entries()).as("nothing applied").isEmpty();
        assertThat(configValue()).isEqualTo("9999");
        StackResourceStatus status = resource().getStatus();
        assertThat(status.getSuspended()).isTrue();
        assertThat(status.getSuspendedReason()).isEqualTo("INC-42: bad model");
        assertThat(status.getSync()).isEqualTo("OutOfSync");

        Run resumed = cli("resume", "demo", "--wait", "--timeout", "30s");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("stack demo resumed");
        assertThat(annotations()).doesNotContainKeys(StackAnnotations.SUSPENDED, StackAnnotations.SUSPENDED_REASON);
        assertThat(resource().getStatus().getSuspended()).isNull();
        assertThat(configValue()).as("applying again: the edit is corrected").isEqualTo("2048");
    }

    @Test
    void wakeCommandOverridesTheScheduleUntilItExpires() {
        clock.set(SATURDAY);
        assertThat(agentSync().sleep().decision().state()).as("Git's schedule: asleep on Saturday").isEqualTo(ScheduleState.ASLEEP);

        Run r = cli(Clock.fixed(SATURDAY, ZoneOffset.UTC), "wake", "demo", "--for", "2h", "--wait", "--timeout", "30s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("awake override of demo requested until 2026-12-05T14:00:00Z")
                .contains("stack demo: awake until 2026-12-05T14:00:00Z");
        assertThat(annotations()).containsEntry(StackAnnotations.SCHEDULE_OVERRIDE, "awake")
                .containsEntry(StackAnnotations.SCHEDULE_OVERRIDE_UNTIL, "2026-12-05T14:00:00Z");
        SyncResult awake = lastSync();
        assertThat(awake.sleep().decision().reason()).isEqualTo(DecisionReason.CLUSTER_OVERRIDE);
        assertThat(awake.sleep().decision().state()).isEqualTo(ScheduleState.AWAKE);
        assertThat(awake.requeueAt()).as("looked at again when it expires").isBeforeOrEqualTo(Instant.parse("2026-12-05T14:00:00Z"));

        clock.set(Instant.parse("2026-12-05T14:00:01Z"));
        SyncResult expired = agentSync();

        assertThat(expired.sleep().decision().reason()).isEqualTo(DecisionReason.OUTSIDE_WINDOWS);
        assertThat(expired.sleep().decision().state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(resource().getStatus().getScheduleOverride()).isNull();
    }

    @Test
    void sleepCommandOnAnAwakeStackAndTheAgentFollowsIt() {
        Run r = cli(Clock.fixed(NOON, ZoneOffset.UTC), "sleep", "demo", "--for", "8h", "--wait", "--timeout", "30s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(resource().getStatus().getScheduleOverride()).isEqualTo("asleep until 2026-12-02T20:00:00Z");
        assertThat(lastSync().sleep().decision().state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(lastSync().sleep().state()).as("the stack leaves Awake").isNotEqualTo("Awake");
    }

    @Test
    void sleepCommandLongerThanThePolicyIsRefusedAndWritesNothing() {
        Run r = cli("sleep", "demo", "--for", "13h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--for 13h is longer than the policy's maxScheduleOverride 12h");
        assertThat(annotations()).doesNotContainKeys(StackAnnotations.SCHEDULE_OVERRIDE, StackAnnotations.SCHEDULE_OVERRIDE_UNTIL);
    }

    @Test
    void wakeCommandBoundByThePolicyFileGiven() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                maxScheduleOverride: 1h
                """);

        Run r = cli("wake", "demo", "--for", "2h", "--policy", policy.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--for 2h is longer than the policy's maxScheduleOverride 1h;");
    }

    @Test
    void agentIgnoresAnOverrideAnnotationLongerThanItsPolicy() {
        client.resources(StackResource.class).inNamespace(NS).withName("demo").edit(s -> {
            s.getMetadata().setAnnotations(Map.of(StackAnnotations.SCHEDULE_OVERRIDE, "asleep",
                    StackAnnotations.SCHEDULE_OVERRIDE_UNTIL, "2026-12-03T12:00:00Z"));
            return s;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(resource().getStatus().getScheduleOverride())
                .isEqualTo("asleep until 2026-12-03T12:00:00Z is longer than the policy's maxScheduleOverride 12h (ignored)"));
        assertThat(lastSync().sleep().decision().reason()).isEqualTo(DecisionReason.WINDOW);
    }

    @Test
    void cliNamesAMissingStackResource() {
        Run r = cli("resume", "nosuch");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no Stack resource nosuch in namespace stack-agent").contains("kubectl get stacks -n stack-agent");
    }
}
