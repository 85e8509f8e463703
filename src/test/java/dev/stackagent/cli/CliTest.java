package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.gke.NodePools;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The CLI as a user runs it: validate and plan on config-repo-template and on broken copies of it. */
@QuarkusMainTest
class CliTest {
    static final Path TEMPLATE = Path.of("config-repo-template");
    static final String STACK_YAML = "stacks/qwen2-3b-pattern1/stack.yaml";
    static final String NAMESPACE = "llm-d-inference-scheduling";

    static Path copyOfTemplate(Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(TEMPLATE)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(TEMPLATE.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    @Test
    void validateAcceptsTheTemplate(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", TEMPLATE.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.getOutput()).contains("ok    qwen2-3b-pattern1");
    }

    @Test
    void validateRejectsABrokenCopyNamingFileLineObjectAndField(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        Path repo = copyOfTemplate(tmp.resolve("repo"));
        Path stackYaml = repo.resolve(STACK_YAML);
        Files.writeString(stackYaml, Files.readString(stackYaml).replace("maxNodeCount: 3", "maxNodeCont: 3"));

        LaunchResult typo = launcher.launch("validate", repo.toString());

        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.getOutput()).contains("error qwen2-3b-pattern1")
                .contains("stacks/qwen2-3b-pattern1/stack.yaml:43: stack qwen2-3b-pattern1: field nodePools[0].autoscaling.maxNodeCont: "
                        + "unknown field 'maxNodeCont' (allowed here: enabled, locationPolicy, maxNodeCount, minNodeCount, totalMaxNodeCount, totalMinNodeCount)");

        Files.writeString(stackYaml, Files.readString(stackYaml).replace("maxNodeCont: 3", "maxNodeCount: 3"));
        Path policy = repo.resolve("stacks/qwen2-3b-pattern1/manifests/networkpolicies/default-deny.yaml");
        Files.writeString(policy, Files.readString(policy).replace("namespace: llm-d-inference-scheduling", "namespace: kube-system"));
        LaunchResult misplaced = launcher.launch("validate", repo.toString());

        assertThat(misplaced.exitCode()).isEqualTo(1);
        assertThat(misplaced.getOutput()).containsPattern("stacks/qwen2-3b-pattern1/manifests/networkpolicies/default-deny\\.yaml:\\d+: "
                + "NetworkPolicy default-deny: field metadata.namespace: 'kube-system' is not one of the stack's namespaces");
    }

    @Test
    void planOfflinePrintsEveryObjectAndNodePoolToCreate(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("plan", TEMPLATE.toString(), "--at", "2026-11-30T12:00:00+01:00");

        assertThat(r.exitCode()).as("drift: everything is to be created").isEqualTo(1);
        assertThat(r.getOutput()).contains("+   Namespace llm-d-inference-scheduling")
                .contains("+   Secret llm-d-inference-scheduling/redhat-pull-secret")
                .contains("+   NetworkPolicy llm-d-inference-scheduling/default-deny")
                .contains("+   NetworkPolicy llm-d-inference-scheduling/allow-gateway-to-vllm")
                .contains("+   NetworkPolicy llm-d-inference-scheduling/allow-vllm-egress")
                .contains("+   LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1")
                .contains("?   NodePool tpu-v6e-pool").contains("live state unknown").contains("would create if absent")
                .contains("\"machineType\":\"ct6e-standard-4t\",\"tpuTopology\":\"2x2\"")
                .contains("schedule: Awake at 2026-11-30T12:00+01:00 (window")
                .contains("Plan: 6 to create, 0 to change, 0 to prune.");
    }

    @Test
    void planAtNightShowsTheSleepOverlay(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("plan", TEMPLATE.toString(), "--at", "2026-11-30T21:00:00+01:00");

        assertThat(r.getOutput()).contains("schedule: Asleep at 2026-11-30T21:00+01:00 (outside awake windows); next transition 2026-12-01T06:40+01:00")
                .contains("LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1 (create: asleep: spec.replicas 0)")
                .contains("\"nodeCount\":0,\"autoscaling\":{\"enabled\":false}");
    }

    @Test
    void planAsJsonForCi(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult r = launcher.launch("plan", TEMPLATE.toString(), "-o", "json");

        String out = r.getOutput();
        JsonNode report = new ObjectMapper().readTree(out.substring(out.indexOf("\n{") + 1)); // logs before it in tests
        assertThat(report.path("stacks")).hasSize(1);
        assertThat(report.path("stacks").get(0).path("objects")).hasSize(6);
        assertThat(report.path("stacks").get(0).path("nodePools").get(0).path("name").asText()).isEqualTo("tpu-v6e-pool");
        assertThat(report.path("errors")).isEmpty();
    }

    @Test
    void planErrorsExitTwo(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        Path repo = copyOfTemplate(tmp.resolve("repo"));
        Files.writeString(repo.resolve(STACK_YAML), "apiVersion: [");

        assertThat(launcher.launch("plan", repo.toString()).exitCode()).isEqualTo(2);
        assertThat(launcher.launch("plan", tmp.resolve("missing").toString()).exitCode()).isEqualTo(2);
        assertThat(launcher.launch("plan", TEMPLATE.toString(), "--at", "7pm").exitCode()).isEqualTo(2);
    }

    @Test
    void planAgainstAClusterInSyncExitsZero(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        try (SeedCluster cluster = new SeedCluster()) {
            KubernetesClient client = cluster.client;
            var stack = StackLoader.load("rev", StackLoader.readDirectory(TEMPLATE)).stacks().get(0);
            // apply it as the agent would, awake
            var awake = new dev.stackagent.desired.Stack(stack.name(), stack.dir(),
                    new dev.stackagent.desired.StackConfig(stack.config().apiVersion(), stack.config().kind(), stack.config().cluster(),
                            stack.config().namespaces(), stack.config().manifests(), stack.config().secretCopies(), stack.config().nodePools(),
                            null, stack.config().verification(), stack.config().options()), stack.objects());
            var result = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE), Clock.systemUTC())
                    .sync(awake, "rev");
            assertThat(result.status()).isEqualTo(SyncStatus.Synced);
            Path kubeconfig = cluster.kubeconfig(tmp.resolve("kubeconfig"));

            LaunchResult r = launcher.launch("plan", TEMPLATE.toString(), "--kubeconfig", kubeconfig.toString(),
                    "--at", "2026-11-30T12:00:00+01:00");

            assertThat(r.getOutput()).contains("compared with the live cluster").contains("=   LLMInferenceService")
                    .contains("Plan: 0 to create, 0 to change, 0 to prune.");
            assertThat(r.exitCode()).as(r.getOutput()).isZero();
        }
    }
}
