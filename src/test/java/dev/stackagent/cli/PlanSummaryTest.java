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

/** Honest exit codes and summaries: an unknown --stack, an invalid repository, and validate counting what plan counts. */
@QuarkusMainTest
class PlanSummaryTest {

    @Test
    void planOfAnUnknownStackExitsTwoNamingTheStacksThere(QuarkusMainLauncher launcher) {
        LaunchResult r = launcher.launch("plan", CliTest.TEMPLATE.toString(), "--stack", "qwen-typo");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getErrorOutput()).contains("no stack 'qwen-typo'").contains("(stacks: qwen2-3b-pattern1)");
    }

    @Test
    void planOfAnInvalidRepositoryShowsNoPlanSummaryThatReadsLikeNothingToDo(QuarkusMainLauncher launcher, @TempDir Path tmp)
            throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Path stackYaml = repo.resolve(CliTest.STACK_YAML);
        Files.writeString(stackYaml, Files.readString(stackYaml).replace("fromNamespace: istio-system", "fromNamespace: kube-system"));

        LaunchResult r = launcher.launch("plan", repo.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.getOutput()).doesNotContain("Plan: 0 to create").contains("No plan: 1 error(s)")
                .contains("secretCopies[0].fromNamespace");
    }

    @Test
    void validateCountsTheObjectsAndNodePoolsThatPlanShows(QuarkusMainLauncher launcher) {
        LaunchResult validate = launcher.launch("validate", CliTest.TEMPLATE.toString());
        LaunchResult plan = launcher.launch("plan", CliTest.TEMPLATE.toString());

        // the template: 1 Namespace, 1 LLMInferenceService, 3 NetworkPolicies, 1 Secret copy; 1 TPU pool
        assertThat(validate.getOutput()).contains("ok    qwen2-3b-pattern1 (cluster ecoeng-llmd/europe-west4-a/llmd-istio-tpu-pattern1, "
                + "6 objects, 1 node pools)").contains("1 stack(s) valid (6 objects, 1 node pools), 0 rejected");
        assertThat(plan.getOutput()).contains("Plan: 6 to create");
    }
}
