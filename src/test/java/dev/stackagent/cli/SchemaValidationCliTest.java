package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code validate} checks every manifest object against its schema (issue 13): built-in kinds
 * against the Kubernetes model, custom resources against the CRDs of {@code --schemas DIR}; run
 * through picocli as a user runs it, without starting the application.
 */
class SchemaValidationCliTest {
    static final Path TEMPLATE = Path.of("config-repo-template");
    static final String STACK = "stacks/qwen2-3b-pattern1/";
    static final Path KSERVE_016 = Path.of("../shared/crds/kserve-v0.16.0-v1alpha1-only");
    static final Path SHARED_CRDS = Path.of("../shared/crds");

    record Run(int exitCode, String out, String err) {
    }

    static Run validate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ValidateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assumeShared() {
        assumeTrue(Files.isDirectory(KSERVE_016), "../shared/crds/kserve-v0.16.0-v1alpha1-only is absent: KServe CRD schema tests skipped");
    }

    static Path edit(Path repo, String file, String from, String to) throws IOException {
        Path p = repo.resolve(file);
        String before = Files.readString(p);
        assertThat(before).as(file + " holds the text to edit").contains(from);
        Files.writeString(p, before.replace(from, to));
        return p;
    }

    @Test
    void schemaValidationNamesThePolicyTypeTypoOfANetworkPolicy(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "manifests/networkpolicies/allow-vllm-egress.yaml", "policyTypes:", "policyType:");

        Run r = validate(repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(STACK + "manifests/networkpolicies/allow-vllm-egress.yaml:12: "
                + "NetworkPolicy llm-d-inference-scheduling/allow-vllm-egress: field spec.policyType: unknown field "
                + "(did you mean 'policyTypes'?) (the API server would drop it)");
    }

    @Test
    void schemaValidationOfTheTemplateWithTheKServe016CrdsPasses() {
        assumeShared();

        Run r = validate("--schemas", KSERVE_016.toString(), TEMPLATE.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ok    qwen2-3b-pattern1").doesNotContain("warning");
    }

    @Test
    void schemaValidationRejectsAStringReplicaCountAndAnUnknownTemplateField(@TempDir Path tmp) throws IOException {
        assumeShared();
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "manifests/llminferenceservice.yaml", "  replicas: 1", "  replicas: \"two\"");
        edit(repo, STACK + "manifests/llminferenceservice.yaml", "    nodeSelector:", "    nodeSelecter: {}\n    nodeSelector:");

        Run r = validate("--schemas", KSERVE_016.toString(), repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(STACK + "manifests/llminferenceservice.yaml:16: LLMInferenceService "
                + "llm-d-inference-scheduling/qwen2-3b-pattern1: field spec.replicas: expected an integer, got the string 'two'");
        assertThat(r.out()).containsPattern("llminferenceservice\\.yaml:\\d+: LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1: "
                + "field spec\\.template\\.nodeSelecter: unknown field \\(did you mean 'nodeSelector'\\?\\) \\(the API server would drop it\\)");
    }
}
