package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.KnownFields;
import dev.stackagent.testing.RequestLog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/**
 * {@code plan --server-dry-run}: each create and patch sent with {@code dryRun=All} (strict); the plan
 * shows what the server would store, its rejections (exit 1), and no drift for fields it defaults.
 * On a test server that simulates dry runs, strict field validation and defaulting ({@link ApiServerSimulation}).
 */
class PlanServerDryRunTest {
    static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {maxModelLen: "2048"}
            """;
    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              sessionAffinity: None
              ports:
                - {name: http, port: 80}
            """;
    static final String TYPO = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny}
            spec:
              podSelector: {}
              policyType: [Ingress, Egress]
            """;

    @TempDir
    Path tmp;
    ApiServerSimulation api;
    PlanRepo repo;

    @BeforeEach
    void setUp() throws IOException {
        api = KnownFields.declare(new ApiServerSimulation());
        api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        repo = new PlanRepo(tmp);
        SyncResult synced = PlanRepo.sync(api, Map.of("config.yaml", CONFIG));
        assertThat(synced.status()).as(String.valueOf(synced.error())).isEqualTo(SyncStatus.Synced);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void aServerDryRunPlanShowsANewObjectAsTheServerWouldStoreItDefaultsIncluded() throws IOException {
        repo.write(Map.of("config.yaml", CONFIG, "service.yaml", SERVICE.replace("  sessionAffinity: None\n", "")));

        PlanRepo.Run r = repo.plan("--kubeconfig", repo.kubeconfig(api).toString(), "--server-dry-run");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("+   Service llm/web (create: not found live; as the server would store it)")
                .contains("+ spec.type: \"ClusterIP\"").contains("+ spec.sessionAffinity: \"None\"")
                .contains("+ spec.ports[0].protocol: \"TCP\"").contains("Plan: 1 to create, 0 to change, 0 to prune.");
        assertThat(api.client().services().inNamespace("llm").withName("web").get()).as("a dry run stores nothing").isNull();
    }

    @Test
    void aServerDryRunPlanShowsNoDriftForAFieldTheServerDefaults() throws IOException {
        assertThat(PlanRepo.sync(api, Map.of("config.yaml", CONFIG, "service.yaml", SERVICE)).status()).isEqualTo(SyncStatus.Synced);
        // Git drops the explicit default: a three-way removal, which the server re-defaults to the value that is live
        repo.write(Map.of("config.yaml", CONFIG, "service.yaml", SERVICE.replace("  sessionAffinity: None\n", "")));
        String kubeconfig = repo.kubeconfig(api).toString();

        PlanRepo.Run plain = repo.plan("--kubeconfig", kubeconfig);
        PlanRepo.Run dryRun = repo.plan("--kubeconfig", kubeconfig, "--server-dry-run");

        assertThat(plain.exitCode()).as("compared with Git, the removal is drift: " + plain.out() + plain.err()).isEqualTo(1);
        assertThat(plain.out()).contains("- spec.sessionAffinity: \"None\"");
        assertThat(dryRun.exitCode()).as(dryRun.out()).isEqualTo(0);
        assertThat(dryRun.out()).doesNotContain("spec.sessionAffinity").contains("Plan: 0 to create, 0 to change, 0 to prune.");
    }

    @Test
    void aServerDryRunRejectionIsShownPerObjectAndExitsOne() throws IOException {
        repo.write(Map.of("config.yaml", CONFIG.replace("2048", "4096"), "policy.yaml", TYPO));

        PlanRepo.Run r = repo.plan("--kubeconfig", repo.kubeconfig(api).toString(), "--server-dry-run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("!   NetworkPolicy llm/default-deny (rejected: create failed (HTTP 400)")
                .contains("strict decoding error: unknown field \"spec.policyType\"")
                .contains("~ data.maxModelLen: \"2048\" -> \"4096\"")
                .contains("1 rejected by the API server");
        PlanRepo.Run json = repo.plan("--kubeconfig", repo.kubeconfig(api).toString(), "--server-dry-run", "-o", "json");
        assertThat(json.out()).contains("\"action\" : \"rejected\"").contains("unknown field \\\"spec.policyType\\\"");
    }

    @Test
    void aServerDryRunPlanSendsOnlyDryRunRequests() throws IOException {
        repo.write(Map.of("config.yaml", CONFIG.replace("2048", "4096"), "service.yaml", SERVICE));
        RequestLog requests = new RequestLog(api.server());
        requests.clear();

        PlanRepo.Run r = repo.plan("--kubeconfig", repo.kubeconfig(api).toString(), "--server-dry-run");

        List<String> writes = requests.writes();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(writes).as("one dry run per create and patch, nothing else: " + writes).hasSize(2)
                .allSatisfy(w -> assertThat(w).contains("dryRun=All").contains("fieldValidation=Strict"));
        assertThat(api.client().configMaps().inNamespace("llm").withName("settings").get().getData()).containsEntry("maxModelLen", "2048");
    }

    @Test
    void serverDryRunWithoutAClusterIsAUsageError() throws IOException {
        repo.write(Map.of("config.yaml", CONFIG));

        PlanRepo.Run r = repo.plan("--server-dry-run");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--server-dry-run needs --kubeconfig");
    }
}
