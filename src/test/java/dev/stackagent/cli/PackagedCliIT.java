package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as a user runs it ({@code target/stack-agent}, after {@code package}): {@code validate} runs on picocli
 * alone without starting Quarkus ({@link Main#offline}), the other commands start it; both must end the process with
 * the command's exit code and print the same kind of output.
 */
class PackagedCliIT {
    private static final Path LAUNCHER = Path.of("target/stack-agent");

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KUBECONFIG", tmp.resolve("no-kubeconfig").toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8), Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void validateEndsWithItsExitCodeZeroOneOrTwo() throws Exception {
        Run valid = run("validate", CliTest.TEMPLATE.toString());
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("ok    qwen2-3b-pattern1").contains("1 stack(s) valid (6 objects, 1 node pools), 0 rejected");

        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Path stackYaml = repo.resolve(CliTest.STACK_YAML);
        Files.writeString(stackYaml, Files.readString(stackYaml).replace("maxNodeCount: 3", "maxNodeCont: 3"));
        Run invalid = run("validate", repo.toString());
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.out()).contains("field nodePools[0].autoscaling.maxNodeCont: unknown field 'maxNodeCont'");

        Run usage = run("validate", tmp.resolve("absent").toString());
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("is not a directory");

        Run missing = run("validate");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'DIR'").contains("Usage: stack-agent validate");
    }

    @Test
    void planStartsQuarkusAndStillEndsWithItsExitCode() throws Exception {
        Run plan = run("plan", CliTest.TEMPLATE.toString(), "--at", "2026-11-30T12:00:00+01:00");
        assertThat(plan.exitCode()).as("drift: offline, everything is to create; " + plan.err()).isEqualTo(1);
        assertThat(plan.out()).contains("Plan: 6 to create, 0 to change, 0 to prune.");

        Run bad = run("plan", tmp.resolve("absent").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
