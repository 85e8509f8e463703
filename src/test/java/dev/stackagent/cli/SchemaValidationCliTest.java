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

    @Test
    void validationReportsThreeIndependentStackYamlErrorsAtOnce(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "stack.yaml", "maxNodeCount: 3", "maxNodeCont: 3");
        edit(repo, STACK + "stack.yaml", "wakeLeadTime: 20m", "wakeLeadTime: 20 minutes");
        edit(repo, STACK + "stack.yaml", "timeZone: Europe/Amsterdam", "timeZone: Europe/Amsterdamm");
        edit(repo, STACK + "stack.yaml", "  timeout: 30s", "  timeout: [30s]");

        Run r = validate(repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(STACK + "stack.yaml:43: stack qwen2-3b-pattern1: field nodePools[0].autoscaling.maxNodeCont: unknown field 'maxNodeCont'")
                .contains(STACK + "stack.yaml:58: stack qwen2-3b-pattern1: field schedule.wakeLeadTime: '20 minutes' is not a duration")
                .contains(STACK + "stack.yaml:74: stack qwen2-3b-pattern1: field verification.timeout: expected a duration such as 30s or 20m, not a list or mapping")
                .contains(STACK + "stack.yaml:53: stack qwen2-3b-pattern1: field schedule.timeZone: 'Europe/Amsterdamm' is not an IANA time zone");
    }

    @Test
    void validationReportsADuplicateKeyInAManifestWithItsLine(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "manifests/networkpolicies/allow-vllm-egress.yaml", "  policyTypes:", "  podSelector: {}\n  policyTypes:");

        Run r = validate(repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(STACK + "manifests/networkpolicies/allow-vllm-egress.yaml:12: not valid YAML: key 'podSelector' appears twice");
    }

    @Test
    void validationRewritesParserErrorsInPlainWordsWithTheLine(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "manifests/networkpolicies/default-deny.yaml", "kind: NetworkPolicy", "kind: NetworkPolicy: x");

        Run r = validate(repo.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsPattern("default-deny\\.yaml:\\d+: not valid YAML: a ':' where no mapping may start")
                .doesNotContain("in 'reader'").doesNotContain("column");
    }

    @Test
    void validationWarnsOfAnUnlistedYamlFileAndStrictMakesItAnError(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        Files.writeString(repo.resolve(STACK + "extra-policy.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: forgotten}\n");

        Run lenient = validate(repo.toString());
        Run strict = validate("--strict", "--schemas", tmp.resolve("repo").toString(), repo.toString());

        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("warning " + STACK + "extra-policy.yaml: stack qwen2-3b-pattern1: field manifests: "
                + "extra-policy.yaml is under the stack directory but no manifests entry of stack.yaml lists it: it is not applied");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("error qwen2-3b-pattern1").contains("  " + STACK + "extra-policy.yaml: stack qwen2-3b-pattern1: field manifests:");
    }

    @Test
    void validationReportsACustomResourceWithoutSchemaOnceAsNotSchemaChecked(@TempDir Path tmp) throws IOException {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        String service = Files.readString(repo.resolve(STACK + "manifests/llminferenceservice.yaml"));
        Files.writeString(repo.resolve(STACK + "manifests/networkpolicies/second-service.yaml"),
                service.replace("  name: qwen2-3b-pattern1\n", "  name: second\n"));

        Run r = validate(repo.toString());
        Run strict = validate("--strict", repo.toString());

        assertThat(r.exitCode()).as("a warning alone does not fail validate: " + r.out()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("not schema-checked"))).singleElement().asString()
                .startsWith("warning " + STACK + "manifests/llminferenceservice.yaml:5: LLMInferenceService (serving.kserve.io/v1alpha1): "
                        + "not schema-checked: no CRD schema for this kind and version");
        assertThat(strict.exitCode()).isEqualTo(1);
    }

    @Test
    void schemaValidationAcceptsTheTemplateWithAllSharedCrdsOfBothKServeReleases() {
        assumeTrue(Files.isDirectory(SHARED_CRDS.resolve("kserve-v0.20.0")), "../shared/crds is absent: skipped");

        Run r = validate("--schemas", SHARED_CRDS.toString(), "--strict", TEMPLATE.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    @Test
    void schemaValidationWithAMissingSchemasDirectoryIsAUsageError(@TempDir Path tmp) {
        Run r = validate("--schemas", tmp.resolve("nope").toString(), TEMPLATE.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope is not a directory");
    }
}
