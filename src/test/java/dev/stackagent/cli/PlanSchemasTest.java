package dev.stackagent.cli;

import static dev.stackagent.cli.SchemaValidationCliTest.KSERVE_016;
import static dev.stackagent.cli.SchemaValidationCliTest.STACK;
import static dev.stackagent.cli.SchemaValidationCliTest.assumeShared;
import static dev.stackagent.cli.SchemaValidationCliTest.edit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code plan --schemas DIR} checks the manifests as {@code validate --schemas} does: a stack
 * the API server would reject for its schema is an error (exit 2), not a plan.
 */
class PlanSchemasTest {
    static SchemaValidationCliTest.Run plan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new PlanCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new SchemaValidationCliTest.Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void planWithSchemasRejectsAStringReplicaCountNamingTheField(@TempDir Path tmp) throws Exception {
        assumeShared();
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));
        edit(repo, STACK + "manifests/llminferenceservice.yaml", "  replicas: 1", "  replicas: \"two\"");

        var r = plan(repo.toString(), "--schemas", KSERVE_016.toString());

        assertThat(r.exitCode()).as("plan's exit code for a repository with errors").isEqualTo(2);
        assertThat(r.out() + r.err()).contains("field spec.replicas: expected an integer, got the string 'two'")
                .doesNotContain("Plan: ");
    }

    @Test
    void planWithSchemasOfTheTemplatePlansIt(@TempDir Path tmp) throws Exception {
        assumeShared();
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));

        var r = plan(repo.toString(), "--schemas", KSERVE_016.toString());

        assertThat(r.exitCode()).as("drift: everything is to be created " + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Plan: 6 to create");
    }

    @Test
    void planWithSchemasOfAMissingDirectoryIsAUsageError(@TempDir Path tmp) throws Exception {
        Path repo = CliTest.copyOfTemplate(tmp.resolve("repo"));

        var r = plan(repo.toString(), "--schemas", tmp.resolve("no-such-dir").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--schemas");
    }

    static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            replicas: {type: integer}
            """;

    /** The custom resource is described by no file of --schemas, only by the cluster's CRD: plan --kubeconfig reads that. */
    @Test
    void planWithSchemasAndAClusterChecksACustomResourceAgainstTheClustersCrd(@TempDir Path tmp) throws Exception {
        dev.stackagent.testing.ApiServerSimulation api = new dev.stackagent.testing.ApiServerSimulation();
        try {
            api.client().resource(api.client().getKubernetesSerialization().unmarshal(WIDGET_CRD,
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).create();
            PlanRepo repo = new PlanRepo(tmp);
            java.nio.file.Path policy = java.nio.file.Files.writeString(tmp.resolve("widgets-policy.yaml"), PlanRepo.POLICY
                    + "  - {group: example.com, kind: Widget}\n");
            repo.write(java.util.Map.of("widget.yaml", """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w, namespace: llm}
                    spec: {replicas: two}
                    """));
            java.nio.file.Path none = java.nio.file.Files.createDirectories(tmp.resolve("no-crds"));

            var r = plan(tmp.resolve("repo").toString(), "--policy", policy.toString(), "--kubeconfig", repo.kubeconfig(api).toString(),
                    "--schemas", none.toString());

            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).contains("Widget llm/w: field spec.replicas: expected an integer, got the string 'two'");
        } finally {
            api.close();
        }
    }
}
