package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** Policy at the CLI: {@code validate}/{@code plan --policy}, the built-in default, the shipped policy, a broken policy file. */
@QuarkusMainTest
class PolicyCliTest {
    static final Path SHIPPED = Path.of("deploy/base/policy.yaml");

    static Path withStackYaml(Path tmp, String from, String to) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Path stackYaml = repo.resolve(CliTest.STACK_YAML);
        String text = Files.readString(stackYaml);
        assertThat(text).contains(from);
        Files.writeString(stackYaml, text.replace(from, to));
        return repo;
    }

    @Test
    void templateValidatesUnderTheShippedPolicyGivenAsItsConfigMap(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("validate", "--policy", SHIPPED.toString(), CliTest.TEMPLATE.toString());

        assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
        assertThat(r.getOutput()).contains("ok    qwen2-3b-pattern1");
    }

    @Test
    void defaultPolicyRefusesASecretCopyFromKubeSystemWithExitOne(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        Path repo = withStackYaml(tmp, "fromNamespace: istio-system", "fromNamespace: kube-system");

        LaunchResult r = launcher.launch("validate", repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.getOutput()).contains(CliTest.STACK_YAML + ":").contains("field secretCopies[0].fromNamespace")
                .contains("are never copied");
    }

    @Test
    void shippedPolicyRefusesANamespaceOutsideItsPatternsThoughTheDefaultAllowsIt(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws IOException {
        Path repo = withStackYaml(tmp, "- name: llm-d-inference-scheduling", "- name: team-sandbox");
        Path stackYaml = repo.resolve(CliTest.STACK_YAML);
        Files.writeString(stackYaml, Files.readString(stackYaml).replace("namespace: llm-d-inference-scheduling", "namespace: team-sandbox"));
        for (Path m : Files.walk(repo.resolve("stacks/qwen2-3b-pattern1/manifests")).filter(Files::isRegularFile).toList()) {
            Files.writeString(m, Files.readString(m).replace("llm-d-inference-scheduling", "team-sandbox"));
        }

        assertThat(launcher.launch("validate", repo.toString()).exitCode()).isZero();
        LaunchResult shipped = launcher.launch("validate", "--policy", SHIPPED.toString(), repo.toString());
        assertThat(shipped.exitCode()).isEqualTo(1);
        assertThat(shipped.getOutput()).contains("field namespaces[0].name: namespace 'team-sandbox' is not allowed");
    }

    @Test
    void aBrokenPolicyFileIsAnErrorNamingItsLineAndFieldNotTheDefaults(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                nodePools:
                  maxNode: 4
                """);

        LaunchResult validate = launcher.launch("validate", "--policy", policy.toString(), CliTest.TEMPLATE.toString());
        LaunchResult plan = launcher.launch("plan", "--policy", tmp.resolve("missing.yaml").toString(), CliTest.TEMPLATE.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.getErrorOutput()).contains(policy + ":4: field nodePools.maxNode: unknown field 'maxNode'");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.getErrorOutput()).contains("missing.yaml: policy file not found");
    }

    @Test
    void planUnderANarrowerPolicyShowsTheRuleAndPlansNothing(QuarkusMainLauncher launcher, @TempDir Path tmp) throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                kinds:
                  - {group: serving.kserve.io, kind: LLMInferenceService}
                """);

        LaunchResult r = launcher.launch("plan", "--policy", policy.toString(), CliTest.TEMPLATE.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getOutput()).contains("kind NetworkPolicy.networking.k8s.io is not allowed by the policy")
                .doesNotContain("LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1  create");
    }

    @Test
    void aSymlinkOutOfTheRepositoryIsRefusedByValidateWithoutEchoingItsTarget(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: SECRET-CONTENT}\n");
        Files.createSymbolicLink(repo.resolve("stacks/qwen2-3b-pattern1/manifests/networkpolicies/evil.yaml"), outside);

        LaunchResult r = launcher.launch("validate", repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.getOutput()).contains("stacks/qwen2-3b-pattern1/manifests/networkpolicies/evil.yaml: stack qwen2-3b-pattern1: is a symlink")
                .doesNotContain("SECRET-CONTENT");
    }

    @Test
    void againstAClusterTheStackWhoseInventoryHoldsTheNamespaceKeepsItAsTheAgentWould(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws Exception {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Path copy = Files.createDirectories(repo.resolve("stacks/aaa-copy"));
        String stackYaml = Files.readString(repo.resolve(CliTest.STACK_YAML)).replace("tpu-v6e-pool", "tpu-copy");
        Files.writeString(copy.resolve("stack.yaml"), stackYaml.replace("manifests:\n  - manifests/llminferenceservice.yaml\n"
                + "  - manifests/networkpolicies\n", "manifests: []\n"));

        LaunchResult offline = launcher.launch("plan", repo.toString());
        assertThat(offline.getOutput()).as("offline the first by name keeps it").contains("qwen2-3b-pattern1")
                .contains("also claimed by stack aaa-copy");

        try (SeedCluster cluster = new SeedCluster()) {
            cluster.client.configMaps().inNamespace("stack-agent").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata().withName("stack-agent-inventory-qwen2-3b-pattern1")
                    .addToLabels("app.kubernetes.io/managed-by", "stack-agent").addToLabels("stack-agent.dev/stack", "qwen2-3b-pattern1")
                    .endMetadata().addToData("objects", "v1|Namespace||" + CliTest.NAMESPACE + "\n").build()).create();

            LaunchResult live = launcher.launch("plan", repo.toString(), "--kubeconfig", cluster.kubeconfig(tmp.resolve("kc")).toString());

            assertThat(live.getOutput()).contains("also claimed by stack qwen2-3b-pattern1, which holds it in the cluster")
                    .contains("aaa-copy is rejected");
        }
    }
}
