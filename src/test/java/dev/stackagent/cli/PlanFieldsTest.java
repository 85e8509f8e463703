package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.desired.Yaml;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.KnownFields;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** A plan you can review: new objects field by field ({@code +}), changed fields before and after ({@code ~}), Secret values masked. */
class PlanFieldsTest {
    @TempDir
    Path tmp;
    ApiServerSimulation api;
    PlanRepo repo;

    @BeforeEach
    void setUp() throws IOException {
        api = KnownFields.declare(new ApiServerSimulation());
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        repo = new PlanRepo(tmp);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void anOfflinePlanShowsEveryFieldOfANewObject() throws IOException {
        repo.write(Map.of("config.yaml", PlanServerDryRunTest.CONFIG, "service.yaml", PlanServerDryRunTest.SERVICE));

        PlanRepo.Run r = repo.plan();

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("+   ConfigMap llm/settings (create)").contains("        + data.maxModelLen: \"2048\"")
                .contains("        + metadata.labels.stack-agent.dev/stack: \"demo\"")
                .contains("        + spec.ports[0].port: 80").contains("        + spec.selector.app: \"web\"")
                .doesNotContain("last-applied");
    }

    @Test
    void aPlanShowsEachChangedFieldBeforeAndAfter() throws IOException {
        assertThat(PlanRepo.sync(api, Map.of("config.yaml", PlanServerDryRunTest.CONFIG, "service.yaml", PlanServerDryRunTest.SERVICE))
                .status()).isEqualTo(SyncStatus.Synced);
        repo.write(Map.of("config.yaml", PlanServerDryRunTest.CONFIG.replace("2048", "4096"),
                "service.yaml", PlanServerDryRunTest.SERVICE.replace("port: 80", "port: 8080")));

        PlanRepo.Run r = repo.plan("--kubeconfig", repo.kubeconfig(api).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("~   ConfigMap llm/settings (update)").contains("        ~ data.maxModelLen: \"2048\" -> \"4096\"")
                .contains("        ~ spec.ports[0].port: 80 -> 8080").contains("=   Namespace llm")
                .contains("Plan: 0 to create, 2 to change, 0 to prune.");
    }

    @Test
    void theJsonPlanCarriesTheSameFieldsAsTheText() throws IOException {
        assertThat(PlanRepo.sync(api, Map.of("config.yaml", PlanServerDryRunTest.CONFIG)).status()).isEqualTo(SyncStatus.Synced);
        repo.write(Map.of("config.yaml", PlanServerDryRunTest.CONFIG.replace("2048", "4096"), "service.yaml", PlanServerDryRunTest.SERVICE));

        JsonNode json = Yaml.JSON.readTree(repo.plan("--kubeconfig", repo.kubeconfig(api).toString(), "-o", "json").out());

        JsonNode objects = json.at("/stacks/0/objects");
        JsonNode config = find(objects, "settings");
        assertThat(config.path("action").asText()).isEqualTo("update");
        assertThat(config.at("/changes/0/path").asText()).isEqualTo("/data/maxModelLen");
        assertThat(config.at("/changes/0/from").asText()).isEqualTo("2048");
        assertThat(config.at("/changes/0/to").asText()).isEqualTo("4096");
        JsonNode service = find(objects, "web");
        assertThat(service.path("action").asText()).isEqualTo("create");
        assertThat(service.path("changes").findValuesAsText("path")).contains("/spec/ports/0/port", "/spec/selector/app");
        assertThat(service.path("changes")).allSatisfy(c -> assertThat(c.path("from").isNull()).isTrue());
    }

    @Test
    void aPlanNeverShowsSecretValuesOnlySensitive() throws IOException {
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
        api.client().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("pull-secret")
                .addToAnnotations("stack-agent.dev/copy-to", "llm").endMetadata()
                .addToData("token", "c2VjcmV0LXZhbHVl").build()).create();
        repo.stackYaml = PlanRepo.WITH_SECRET_COPY;
        repo.write(Map.of("config.yaml", PlanServerDryRunTest.CONFIG));
        String kubeconfig = repo.kubeconfig(api).toString();
        PlanRepo.Run offline = repo.plan();
        PlanRepo.Run created = repo.plan("--kubeconfig", kubeconfig);
        SyncResult synced = PlanRepo.sync(api, PlanRepo.WITH_SECRET_COPY, Map.of("config.yaml", PlanServerDryRunTest.CONFIG));
        assertThat(synced.status()).as(String.valueOf(synced.error())).isEqualTo(SyncStatus.Synced);
        api.client().secrets().inNamespace("istio-system").withName("pull-secret")
                .edit(s -> new SecretBuilder(s).addToData("token", "bmV3LXNlY3JldA==").build());

        PlanRepo.Run changed = repo.plan("--kubeconfig", kubeconfig);
        PlanRepo.Run changedJson = repo.plan("--kubeconfig", kubeconfig, "-o", "json");
        PlanRepo.Run dryRun = repo.plan("--kubeconfig", kubeconfig, "--server-dry-run");

        assertThat(created.out()).contains("+   Secret llm/pull-secret (create").contains("+ data.token: \"(sensitive)\"");
        assertThat(changed.out()).contains("~ data.token: \"(sensitive)\" -> \"(sensitive)\"");
        assertThat(changedJson.out()).contains("\"from\" : \"(sensitive)\"");
        assertThat(dryRun.out()).contains("~ data.token: \"(sensitive)\" -> \"(sensitive)\"");
        for (PlanRepo.Run r : new PlanRepo.Run[] {offline, created, changed, changedJson, dryRun}) {
            assertThat(r.out()).doesNotContain("c2VjcmV0LXZhbHVl").doesNotContain("bmV3LXNlY3JldA").doesNotContain("secret-value");
        }
    }

    @Test
    void aPlanFieldPathReadsAsYaml() {
        assertThat(FieldLines.path("/spec/template/spec/containers/0/image")).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(FieldLines.path("/metadata/annotations/stack-agent.dev~1stack")).isEqualTo("metadata.annotations.stack-agent.dev/stack");
    }

    private static JsonNode find(JsonNode objects, String name) {
        for (JsonNode o : objects) {
            if (o.path("name").asText().endsWith("/" + name)) return o;
        }
        throw new AssertionError("no object " + name + " in " + objects);
    }
}
