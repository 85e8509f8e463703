package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.desired.Stack;
import dev.stackagent.testing.Stacks;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;

/** The CLI's manners, without Quarkus: version, help that starts nothing, --at, and what an unreachable cluster says. */
class CliCommandPolishTest {
    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new StackAgentCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionCommandPrintsVersionAndGitCommit() {
        for (String[] args : new String[][] {{"-V"}, {"--version"}, {"run", "--version"}, {"wake", "-V"}}) {
            Run r = cli(args);

            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).matches("(?s)stack-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"
                    + "commit ([0-9a-f]{40}|unknown)\\R");
        }
    }

    @Test
    void runHelpCommandPrintsUsageAndStartsNothing() {
        Run r = cli("run", "--help"); // RunCommand has no AgentRuntime here: calling it would fail

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: stack-agent run");
        assertThat(Main.serves("run", "--help")).isFalse();
        assertThat(Main.serves("run", "-h")).isFalse();
        assertThat(Main.serves("-V")).isFalse();
        assertThat(Main.serves("plan", "config-repo-template")).isFalse();
        assertThat(Main.serves("reconcile", "demo")).isFalse();
        assertThat(Main.serves("run")).isTrue();
        assertThat(Main.serves()).as("no command is run").isTrue();
    }

    @Test
    void onlyValidateRunsWithoutStartingQuarkus() {
        assertThat(Main.offline("validate", "config-repo-template")).isTrue();
        assertThat(Main.offline("validate", "--help")).isTrue();
        assertThat(Main.offline("plan", "config-repo-template")).as("plan may read the cluster").isFalse();
        assertThat(Main.offline("run")).isFalse();
        assertThat(Main.offline()).as("no command is run").isFalse();
        assertThat(Main.offline("--help")).isFalse();
    }

    @Test
    void helpOfEveryCommandListsTheVerbsAndExitsZero() {
        Run top = cli("--help");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("reconcile", "suspend", "resume", "wake", "sleep", "plan", "validate", "run");
        for (String verb : new String[] {"reconcile", "suspend", "resume", "wake", "sleep", "plan", "validate"}) {
            Run r = cli(verb, "--help");
            assertThat(r.exitCode()).as(verb).isZero();
            assertThat(r.out()).as(verb).startsWith("Usage: stack-agent " + verb);
        }
        assertThat(cli("wake", "--help").out()).contains("--for=DURATION", "--wait", "--timeout", "--kubeconfig", "--namespace");
    }

    @Test
    void planCommandAtLocalDateTimeIsReadInTheStacksTimeZone() {
        Stack amsterdam = Stacks.load(Map.of("stacks/demo/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces: [{name: llm}]
                schedule:
                  timeZone: Europe/Amsterdam
                  awake: [{days: Mon-Fri, from: "07:00", to: "19:00"}]
                """));

        assertThat(PlanInstant.parse("2026-12-02T21:00").of(amsterdam)).isEqualTo(Instant.parse("2026-12-02T20:00:00Z"));
        assertThat(PlanInstant.parse("2026-12-02T21:00:00Z").of(amsterdam)).isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
        assertThat(PlanInstant.format(Instant.parse("2026-12-02T20:00:01.123456789Z"), ZoneId.of("Europe/Amsterdam")))
                .as("the schedule line has no nanoseconds").isEqualTo("2026-12-02T21:00:01+01:00");
    }

    @Test
    void planCommandAtLocalDateTimeOnTheTemplateAndRejectsOtherText() {
        Run local = cli("plan", "config-repo-template", "--at", "2026-11-30T23:00");
        Run now = cli("plan", "config-repo-template");
        Run bad = cli("plan", "config-repo-template", "--at", "tonight");

        assertThat(local.out()).contains("schedule: Asleep at 2026-11-30T23:00+01:00");
        assertThat(now.out()).containsPattern("schedule: (Awake|Asleep) at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?\\+01:00 \\(");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--at must be an ISO date-time with an offset").contains("or a local date-time in the stack's time zone");
    }

    @Test
    void unreachableClusterCliErrorsNameTheCause() {
        String action = "reconcile stack demo";
        assertThat(ClusterErrors.describe(new KubernetesClientException("x", new UnknownHostException("gke.example.invalid")),
                "https://gke.example.invalid", action)).startsWith("cannot reconcile stack demo: unknown host gke.example.invalid");
        assertThat(ClusterErrors.describe(new KubernetesClientException("x", new ConnectException("Connection refused")),
                "https://10.0.0.1", action)).startsWith("cannot reconcile stack demo: connection refused by https://10.0.0.1");
        assertThat(ClusterErrors.describe(new KubernetesClientException("x", new SSLHandshakeException("PKIX path building failed")),
                "https://10.0.0.1", action)).contains("TLS with https://10.0.0.1 failed (PKIX path building failed)");
        assertThat(ClusterErrors.describe(new KubernetesClientException(new StatusBuilder().withCode(401).withMessage("Unauthorized").build()),
                "https://10.0.0.1", action)).contains("401 Unauthorized: the kubeconfig's credentials were refused");
        assertThat(ClusterErrors.describe(new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("stacks.stack-agent.dev \"demo\" is forbidden: User \"jane\" cannot patch").build()), "https://10.0.0.1", action))
                .contains("403 Forbidden").contains("stack-agent-operator Role").contains("User \"jane\" cannot patch");
    }

    @Test
    void unreachableClusterCommandSaysConnectionRefused(@TempDir Path tmp) throws IOException {
        Path kubeconfig = dev.stackagent.testing.Kubeconfigs.write(tmp.resolve("kubeconfig"), "https://127.0.0.1:1");

        Run r = cli("suspend", "demo", "--kubeconfig", kubeconfig.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot suspend stack demo").contains("connection refused by https://127.0.0.1:1");
    }

    @Test
    void planCommandAgainstAnUnreachableClusterSaysConnectionRefused(@TempDir Path tmp) throws IOException {
        Path kubeconfig = dev.stackagent.testing.Kubeconfigs.write(tmp.resolve("kubeconfig"), "https://127.0.0.1:1");

        Run r = cli("plan", "config-repo-template", "--kubeconfig", kubeconfig.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read the agent's inventories in namespace stack-agent")
                .contains("connection refused by https://127.0.0.1:1");
    }

    @Test
    void missingKubeconfigCommandNamesTheFile(@TempDir Path tmp) {
        Run r = cli("resume", "demo", "--kubeconfig", tmp.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read kubeconfig " + tmp.resolve("nope"));
    }
}
