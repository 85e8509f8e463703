package dev.stackagent.deploy;

import dev.stackagent.testing.CapturedLogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.metrics.StackMetrics;
import dev.stackagent.schedule.CostModel;
import dev.stackagent.source.GitSettingsBuilder;
import dev.stackagent.source.GitSource;
import dev.stackagent.source.GitSourceException;
import dev.stackagent.source.HttpsCredentials;
import dev.stackagent.source.TestRepo;
import dev.stackagent.status.StatusStore;
import dev.stackagent.sync.Agent;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * No secret in anything the agent emits. The core flows run with known secret values: a Git token
 * (from a file, against a real {@code git http-backend} requiring it), a wrong token, and a
 * registry pull secret copied by {@code secretCopies} and then rotated. Everything captured is
 * searched for each value, raw and base64 (also as the HTTP basic-auth pair): every log record at
 * every level with its stack trace, each {@link SyncResult} and its {@code toString}, the status API
 * JSON ({@link StatusStore}), the Git error on-call sees, the Kubernetes Events written, exception
 * messages and the Prometheus scrape.
 * SSH host keys are verified by {@code GitSourceSshTest} (unknown and changed host keys refused).
 */
@EnableKubernetesMockClient(crud = true)
class SecretLeakTest {
    static final String TOKEN = "glpat-canary-token-7f3e9a1c55";
    static final String WRONG_TOKEN = "glpat-canary-wrong-2b8d0e4f";
    static final String PULL_V1 = "{\"auths\":{\"registry.redhat.io\":{\"auth\":\"canary-pull-v1-9c1d\"}}}";
    static final String PULL_V2 = "{\"auths\":{\"registry.redhat.io\":{\"auth\":\"canary-pull-v2-4e7a\"}}}";

    KubernetesClient client;
    KubernetesMockServer server;

    @org.junit.jupiter.api.BeforeEach
    void simulateApiServer() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
    }

    @TempDir
    Path tmp;

    @Test
    void noSecretValueReachesLogsStatusEventsMetricsOrErrors() throws Exception {
        assumeTrue(GitHttpServer.gitIsInstalled(), "git http-backend is not installed");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StatusStore status = new StatusStore();
        Map<String, String> emitted = new java.util.LinkedHashMap<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs();
                CoreFlows flows = new CoreFlows(client, registry, b64(PULL_V1), b64(PULL_V2));
                TestRepo upstream = TestRepo.create(tmp.resolve("upstream"));
                GitHttpServer server = new GitHttpServer(tmp, "deploy", TOKEN)) {
            upstream.commit(stackRepo(), "the demo stack");
            String url = server.urlOf("upstream/.git");
            Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
            StackMetrics metrics = new StackMetrics(registry, CostModel.defaults(), new KubernetesNodeCounter(client));

            try (GitSource git = git(url, new HttpsCredentials("deploy", Optional.of(tokenFile), Optional.empty(), Optional.empty()))) {
                Agent agent = new Agent(git, flows.syncAt(CoreFlows.DAY), new InventoryStore(client, CoreFlows.AGENT_NS), status,
                        CoreFlows.CLUSTER, List.of(metrics));
                assertThat(agent.refresh()).containsExactly("demo");
                SyncResult first = agent.sync("demo");
                assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(SyncStatus.Synced);
                emitted.put("first SyncResult", first.toString());
            }
            assertThat(client.secrets().inNamespace(CoreFlows.NS).withName(CoreFlows.PULL_SECRET).get().getData().get(".dockerconfigjson"))
                    .as("the secret really went through the agent").isEqualTo(b64(PULL_V1));
            try (GitSource wrong = git(url, new HttpsCredentials("deploy", Optional.empty(), Optional.of(WRONG_TOKEN), Optional.empty()))) {
                assertThatThrownBy(wrong::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> emitted.put("wrong-token exception", stackTrace(e)));
                Agent agent = new Agent(wrong, flows.syncAt(CoreFlows.DAY), new InventoryStore(client, CoreFlows.AGENT_NS), status,
                        new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1"), List.of(metrics));
                assertThat(agent.refresh()).isEmpty();
            }
            flows.run();
            flows.results.forEach(r -> {
                emitted.put("SyncResult " + r.revision() + " " + emitted.size(), r.toString());
                metrics.synced(null, r);
            });
            emitted.put("git error in status", status.gitError().orElseThrow());
            logs = captured.text();
        }
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        emitted.put("status API JSON", json.writeValueAsString(status.all()));
        emitted.put("Kubernetes Events", client.getKubernetesSerialization().asJson(client.v1().events().inAnyNamespace().list()));
        emitted.put("Prometheus scrape", registry.scrape());
        emitted.put("logs", logs);

        assertThat(logs).as("the logs were captured").contains("sync stack=demo").contains("git fetch failed");
        assertThat(emitted.get("Kubernetes Events")).as("events were written").contains("\"involvedObject\"");
        assertThat(emitted.get("Prometheus scrape")).as("metrics were recorded").contains("stack_agent_");
        List<String> leaks = leaks(emitted, List.of(TOKEN, WRONG_TOKEN, PULL_V1, PULL_V2));
        if (!leaks.isEmpty()) {
            Files.writeString(Path.of("target", "secret-leak-test-output.txt"), String.join("\n\n==== ", emitted.values()));
        }
        assertThat(leaks).as("everything captured is in target/secret-leak-test-output.txt").isEmpty();
    }

    /** Host key refusal itself is tested against a real SSH server in {@code GitSourceSshTest}. */
    @Test
    void sshHostKeysAreVerifiedByDefaultAndTheManifestsDoNotTurnItOff() throws Exception {
        assertThat(GitSettingsBuilder.of("ssh://git@git.example/acme/stacks.git").build().ssh().strictHostKeyChecking()).isTrue();
        assertThat(dev.stackagent.source.GitConfig.class.getMethod("strictHostKeyChecking")
                .getAnnotation(io.smallrye.config.WithDefault.class).value()).isEqualTo("true");
        for (String overlay : List.of("deploy/base", "deploy/overlays/gke")) {
            assertThat(Manifests.render(overlay).objects().toString()).doesNotContainIgnoringCase("STRICT_HOST_KEY_CHECKING");
        }
    }

    @Test
    void theSearchFindsEachFormOfASecret() {
        Map<String, String> outputs = Map.of("log", "Authorization: Basic " + b64("deploy:" + TOKEN), "event", "data: " + b64(PULL_V1),
                "status", "auth canary-pull-v2-4e7a", "clean", "nothing here");

        assertThat(leaks(outputs, List.of(TOKEN, PULL_V1, PULL_V2))).hasSize(3)
                .anyMatch(l -> l.startsWith("log")).anyMatch(l -> l.startsWith("event")).anyMatch(l -> l.startsWith("status"));
    }

    /** "output: form of secret N at ...context..." for every form of every secret found in an output. */
    static List<String> leaks(Map<String, String> outputs, List<String> secrets) {
        List<String> found = new ArrayList<>();
        outputs.forEach((name, text) -> {
            for (int i = 0; i < secrets.size(); i++) {
                for (String form : forms(secrets.get(i))) {
                    int at = text.indexOf(form);
                    if (at >= 0) {
                        int line = Math.max(text.lastIndexOf('\n', at) + 1, at - 200);
                        found.add(name + ": a form of secret " + i + " in: " + text.substring(line, at) + "...");
                        break;
                    }
                }
            }
        });
        return found;
    }

    /** The value, its base64 forms, its distinctive inner part and the basic-auth pair a Git client sends. */
    static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret, b64(secret), Base64.getUrlEncoder().encodeToString(bytes(secret)),
                b64("deploy:" + secret)));
        java.util.regex.Matcher canary = java.util.regex.Pattern.compile("canary-[a-z0-9-]+").matcher(secret);
        while (canary.find()) forms.add(canary.group());
        return forms;
    }

    private GitSource git(String url, HttpsCredentials credentials) {
        // a plain http test server on loopback: the opt-out a production configuration must not need
        return new GitSource(GitSettingsBuilder.of(url).cacheDir(tmp.resolve("cache-" + credentials.hashCode())).https(credentials)
                .allowInsecureHttp(true).build());
    }

    private static Map<String, String> stackRepo() {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/demo/stack.yaml", CoreFlows.STACK.formatted(1));
        files.put("stacks/demo/account.yaml", CoreFlows.ACCOUNT.formatted(1));
        files.put("stacks/demo/policy.yaml", CoreFlows.POLICY_YAML.formatted(1));
        files.put("stacks/demo/service.yaml", CoreFlows.SERVICE);
        return files;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(bytes(s));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
