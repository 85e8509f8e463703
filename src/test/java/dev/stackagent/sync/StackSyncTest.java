package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.plan.Ownership;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/** The Kubernetes half of the core loop against the CRUD test server: apply, correct, prune, skip, suspend. */
@EnableKubernetesMockClient(crud = true)
class StackSyncTest {
    KubernetesClient client;
    KubernetesMockServer server;

    static final String NS = "llm";
    static final String STACK_YAML = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces:
              - name: llm
                labels: {team: ml}
            %s
            """;
    static final String POLICY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-gateway
            spec:
              podSelector:
                matchLabels: {app.kubernetes.io/name: qwen}
              ingress:
                - ports:
                    - {port: 8000, protocol: TCP}
            """;
    static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {tier: model}
            data:
              maxModelLen: "2048"
            """;
    static final String SERVICE = """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata:
              name: qwen
            spec:
              model: {uri: "hf://Qwen/Qwen2.5-3B-Instruct", name: Qwen/Qwen2.5-3B-Instruct}
              replicas: 1
              router: {route: {}, gateway: {}, scheduler: {}}
            """;

    StackSync sync;
    RequestLog requests;

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        sync = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE), Clock.systemUTC());
        requests = new RequestLog(server);
    }

    static Stack stack(String options, Map<String, String> manifests) {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/demo/stack.yaml", STACK_YAML.formatted(options));
        manifests.forEach((name, body) -> files.put("stacks/demo/" + name, body));
        return Stacks.load(files, Stacks.WIDER_KINDS);
    }

    static Stack full() {
        return stack("", Map.of("policy.yaml", POLICY, "config.yaml", CONFIG, "service.yaml", SERVICE));
    }

    GenericKubernetesResource service() {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(NS).withName("qwen").get();
    }

    @Test
    void firstSyncCreatesEverythingInKindOrderLabelledAndTracked() {
        SyncResult r = sync.sync(full(), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Synced);
        assertThat(r.changes().entries()).extracting(e -> e.ref().kind())
                .containsExactly("Namespace", "ConfigMap", "NetworkPolicy", "LLMInferenceService");
        assertThat(r.changes().count(ChangeSet.Result.CREATED)).isEqualTo(4);
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("team", "ml").containsEntry(Ownership.MANAGED_BY, "stack-agent").containsEntry(Ownership.STACK_LABEL, "demo");
        assertThat(service().getMetadata().getLabels()).containsEntry(Ownership.STACK_LABEL, "demo");
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).hasSize(4);
    }

    /** The health of a sync that wrote was read before its writes: the agent looks again soon, and not after a sync that wrote nothing. */
    @Test
    void aSyncThatWroteIsSyncedAgainSoonToAssessWhatItWroteAndAnIdleOneIsNot() {
        SyncResult first = sync.sync(full(), "rev1");
        SyncResult idle = sync.sync(full(), "rev1");

        assertThat(first.requeueAt()).isNotNull();
        assertThat(Duration.between(first.finishedAt(), first.requeueAt())).isBetween(Duration.ZERO, StackSync.HEALTH_RECHECK);
        assertThat(idle.requeueAt()).as("nothing written, nothing to look at again").isNull();
    }

    @Test
    void inSyncMeansZeroWriteRequests() {
        sync.sync(full(), "rev1");
        requests.clear();

        SyncResult r = sync.sync(full(), "rev1");

        assertThat(r.changes().count(ChangeSet.Result.UNCHANGED)).isEqualTo(4);
        assertThat(requests.writes()).isEmpty();
    }

    @Test
    void outOfBandEditOfAManagedFieldIsCorrectedAndControllerFieldsAreKept() {
        sync.sync(full(), "rev1");
        // someone scales the model by hand; KServe writes status and an annotation
        GenericKubernetesResource live = service();
        live.setAdditionalProperty("spec", Map.of("model", Map.of("uri", "hf://Qwen/Qwen2.5-3B-Instruct", "name", "Qwen/Qwen2.5-3B-Instruct"),
                "replicas", 3, "router", Map.of("route", Map.of(), "gateway", Map.of(), "scheduler", Map.of())));
        live.getMetadata().getAnnotations().put("serving.kserve.io/observed", "yes");
        live.setAdditionalProperty("status", Map.of("url", "http://gw/llm/qwen"));
        client.resource(live).update();

        SyncResult r = sync.sync(full(), "rev1");

        assertThat(r.drift()).filteredOn(d -> d.action() == Action.UPDATE).singleElement().satisfies(d -> {
            assertThat(d.ref().kind()).isEqualTo("LLMInferenceService");
            assertThat(d.changes()).singleElement().satisfies(c -> {
                assertThat(c.path()).isEqualTo("/spec/replicas");
                assertThat(c.from().asInt()).isEqualTo(3);
                assertThat(c.to().asInt()).isEqualTo(1);
            });
        });
        GenericKubernetesResource after = service();
        assertThat(((Map<?, ?>) after.getAdditionalProperties().get("spec")).get("replicas")).isEqualTo(1);
        assertThat(after.getMetadata().getAnnotations()).containsEntry("serving.kserve.io/observed", "yes");
        requests.clear();
        assertThat(sync.sync(full(), "rev1").drifted()).isZero();
        assertThat(requests.writes()).isEmpty();
    }

    @Test
    void listsAreReplacedNotAppended() {
        sync.sync(full(), "rev1");
        String twoPorts = POLICY.replace("- {port: 8000, protocol: TCP}", "- {port: 8000, protocol: TCP}\n        - {port: 9002, protocol: TCP}");
        sync.sync(stack("", Map.of("policy.yaml", twoPorts, "config.yaml", CONFIG, "service.yaml", SERVICE)), "rev2");
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).withName("allow-gateway").get().getSpec().getIngress().get(0)
                .getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8000, 9002);
        sync.sync(full(), "rev3");

        NetworkPolicy np = client.network().v1().networkPolicies().inNamespace(NS).withName("allow-gateway").get();
        assertThat(np.getSpec().getIngress().get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8000);
    }

    @Test
    void aFieldRemovedFromGitIsRemovedLiveButFieldsOthersSetAreKept() {
        sync.sync(full(), "rev1");
        ConfigMap cm = client.configMaps().inNamespace(NS).withName("settings").get();
        cm.getMetadata().getLabels().put("added-by-someone", "x");
        client.resource(cm).update();

        SyncResult r = sync.sync(stack("", Map.of("policy.yaml", POLICY, "config.yaml", CONFIG.replace("  labels: {tier: model}\n", ""),
                "service.yaml", SERVICE)), "rev2");

        assertThat(r.status()).isEqualTo(SyncStatus.Synced);
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getMetadata().getLabels())
                .doesNotContainKey("tier").containsEntry("added-by-someone", "x").containsEntry(Ownership.STACK_LABEL, "demo");
    }

    @Test
    void objectRemovedFromGitIsPrunedAndForgotten() {
        sync.sync(full(), "rev1");

        SyncResult r = sync.sync(stack("", Map.of("policy.yaml", POLICY, "service.yaml", SERVICE)), "rev2");

        assertThat(r.changes().entries()).filteredOn(e -> e.result() == ChangeSet.Result.PRUNED)
                .extracting(e -> e.ref().name()).containsExactly("settings");
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNull();
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).extracting(o -> o.name()).doesNotContain("settings");
    }

    @Test
    void pruneDisabledKeepsTheObjectAndKeepsTrackingIt() {
        sync.sync(full(), "rev1");

        sync.sync(stack("options: {prune: false}", Map.of("policy.yaml", POLICY, "service.yaml", SERVICE)), "rev2");

        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNotNull();
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).extracting(o -> o.name()).contains("settings");
        // enabling prune later removes it
        sync.sync(stack("", Map.of("policy.yaml", POLICY, "service.yaml", SERVICE)), "rev3");
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNull();
    }

    @Test
    void objectControlledByAnotherControllerIsNeverChangedNorPruned() {
        TestCrds.installHttpRoute(client);
        sync.sync(full(), "rev1");
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: qwen-kserve-route
                spec:
                  hostnames: [git.example]
                """;
        // KServe created the route and controls it
        GenericKubernetesResource owned = new GenericKubernetesResource();
        owned.setApiVersion("gateway.networking.k8s.io/v1");
        owned.setKind("HTTPRoute");
        owned.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("qwen-kserve-route").withNamespace(NS)
                .addNewOwnerReference().withApiVersion("serving.kserve.io/v1alpha1").withKind("LLMInferenceService").withName("qwen")
                .withUid("u1").withController(true).endOwnerReference().build());
        owned.setAdditionalProperty("spec", Map.of("hostnames", List.of("kserve.example")));
        client.resource(owned).create();
        requests.clear();

        SyncResult r = sync.sync(stack("", Map.of("policy.yaml", POLICY, "config.yaml", CONFIG, "service.yaml", SERVICE, "route.yaml", route)), "rev2");

        assertThat(r.drift()).filteredOn(d -> d.ref().kind().equals("HTTPRoute")).singleElement()
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.SKIP);
                    assertThat(d.reason()).contains("LLMInferenceService/qwen");
                });
        assertThat(requests.writes()).noneMatch(w -> w.contains("httproutes"));
        GenericKubernetesResource after = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(NS).withName("qwen-kserve-route").get();
        assertThat(((Map<?, ?>) after.getAdditionalProperties().get("spec")).get("hostnames")).isEqualTo(List.of("kserve.example"));
        assertThat(new InventoryStore(client, "stack-agent").read("demo").objects()).noneMatch(o -> o.kind().equals("HTTPRoute"));
    }

    @Test
    void suspendedStackReportsDriftAndWritesNothing() {
        sync.sync(full(), "rev1");
        client.configMaps().inNamespace(NS).withName("settings").delete();
        requests.clear();

        SyncResult r = sync.sync(stack("options: {suspend: true}", Map.of("policy.yaml", POLICY, "config.yaml", CONFIG, "service.yaml", SERVICE)), "rev2");

        assertThat(r.status()).isEqualTo(SyncStatus.OutOfSync);
        assertThat(r.drift()).filteredOn(d -> d.action() == Action.CREATE).extracting(d -> d.ref().name()).containsExactly("settings");
        assertThat(requests.writes()).isEmpty();
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNull();
    }

    @Test
    void theModelIsVerifiedOnceReadyAfterAChangeAndAFailureMarksTheStackDegraded() {
        List<java.net.URI> probed = new java.util.ArrayList<>();
        boolean[] answers = {false};
        dev.stackagent.verify.StackVerifier.Probe probe = (spec, url) -> {
            probed.add(url);
            return new dev.stackagent.verify.VerificationResult(answers[0], url, List.of(new dev.stackagent.verify.VerificationCheck(
                    "chat-completions", answers[0], answers[0] ? "choices" : "HTTP 503", java.time.Duration.ofMillis(5))), null,
                    java.time.Instant.now());
        };
        StackSync verifying = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE)
                .withVerifier(new dev.stackagent.verify.StackVerifier(new dev.stackagent.live.KubernetesLiveObjects(client), probe,
                        Clock.systemUTC())), Clock.systemUTC());
        Stack stack = stack("verification: {url: \"http://model.llm.svc/llm/qwen\"}", Map.of("service.yaml", SERVICE));

        SyncResult created = verifying.sync(stack, "rev1");
        assertThat(probed).as("not Ready yet: verification waits").isEmpty();
        assertThat(created.health().health().status().name()).isEqualTo("PROGRESSING");

        GenericKubernetesResource live = service();
        live.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True",
                "lastTransitionTime", "2026-11-27T10:00:00Z"))));
        client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(NS).resource(live).updateStatus();
        SyncResult ready = verifying.sync(stack, "rev1");

        assertThat(probed).containsExactly(java.net.URI.create("http://model.llm.svc/llm/qwen"));
        assertThat(ready.verification().passed()).isFalse();
        assertThat(ready.health().health().status().name()).isEqualTo("DEGRADED");
        assertThat(ready.health().health().message()).contains("HTTP 503");
        assertThat(((Map<?, ?>) service().getAdditionalProperties().get("spec")).get("replicas")).as("never rolled back").isEqualTo(1);

        verifying.sync(stack, "rev1");
        assertThat(probed).as("verified once per change, not every sync").hasSize(1);
    }

    @Test
    void aBlockingPreflightFailureAppliesNothingAndSaysWhy() {
        String withSecretRef = SERVICE.replace("  replicas: 1\n", "  replicas: 1\n  template:\n    containers:\n      - name: main\n"
                + "        env:\n          - name: HF_TOKEN\n            valueFrom: {secretKeyRef: {name: hf-token, key: HF_TOKEN}}\n");
        Stack stack = stack("", Map.of("config.yaml", CONFIG, "service.yaml", withSecretRef));
        var options = new dev.stackagent.health.preflight.PreflightOptions(List.of(), null, null, java.util.Set.of("secret *"));
        var preflight = new dev.stackagent.health.preflight.PreflightRunner(
                new dev.stackagent.health.preflight.Preflight(client, options, Clock.systemUTC()), c -> null, java.time.Duration.ofMinutes(10),
                options.blocking(), Clock.systemUTC());
        StackSync guarded = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE)
                .withPreflight(preflight), Clock.systemUTC());

        SyncResult blocked = guarded.sync(stack, "rev1");

        assertThat(blocked.status()).isEqualTo(SyncStatus.Failed);
        assertThat(blocked.error()).contains("preflight failed").contains("secret llm/hf-token").contains("does not exist");
        assertThat(client.namespaces().withName(NS).get()).as("nothing applied").isNull();

        // not blocking: the same failure is only reported
        var reportOnly = new dev.stackagent.health.preflight.PreflightRunner(
                new dev.stackagent.health.preflight.Preflight(client, options, Clock.systemUTC()), c -> null, java.time.Duration.ofMinutes(10),
                java.util.Set.of(), Clock.systemUTC());
        SyncResult applied = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE)
                .withPreflight(reportOnly), Clock.systemUTC()).sync(stack, "rev1");
        assertThat(applied.status()).isEqualTo(SyncStatus.Synced);
        assertThat(applied.preflight().result("secret llm/hf-token")).hasValueSatisfying(c -> assertThat(c.outcome().name()).isEqualTo("FAILED"));
    }

    @Test
    void secretCopyKeepsTheValueInSyncWithoutShowingIt() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret").endMetadata()
                .withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson", "c2VjcmV0LXYx").build()).create();
        Stack stack = stack("secretCopies: [{fromNamespace: istio-system, fromName: redhat-pull-secret, namespace: llm}]",
                Map.of("config.yaml", CONFIG));
        sync.sync(stack, "rev1");
        assertThat(client.secrets().inNamespace(NS).withName("redhat-pull-secret").get().getData()).containsEntry(".dockerconfigjson", "c2VjcmV0LXYx");

        client.secrets().inNamespace("istio-system").withName("redhat-pull-secret").edit(s -> {
            s.getData().put(".dockerconfigjson", "c2VjcmV0LXYy");
            return s;
        });
        SyncResult r = sync.sync(stack, "rev1");

        assertThat(client.secrets().inNamespace(NS).withName("redhat-pull-secret").get().getData()).containsEntry(".dockerconfigjson", "c2VjcmV0LXYy");
        assertThat(r.toString()).doesNotContain("c2VjcmV0LXYx").doesNotContain("c2VjcmV0LXYy");
        assertThat(client.secrets().inNamespace(NS).withName("redhat-pull-secret").get().getMetadata().getAnnotations().get(Ownership.LAST_APPLIED))
                .doesNotContain("c2VjcmV0");
    }
}
