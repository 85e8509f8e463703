package dev.stackagent.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.stackagent.apply.KubernetesEventRecorder;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.health.preflight.Preflight;
import dev.stackagent.health.preflight.PreflightOptions;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The agent's core flows against a Kubernetes test server and a fake GKE, as the running agent
 * wires them: a stack holding every kind the agent may manage (Namespace, ServiceAccount,
 * ConfigMap, a Secret copy, NetworkPolicy, LLMInferenceService) and a TPU pool on a schedule is
 * created by day, changed, put to sleep at night, partly pruned and finally removed; preflight
 * runs against it. Used to derive the agent's RBAC needs and to search its output for secrets.
 */
final class CoreFlows implements AutoCloseable {
    static final String AGENT_NS = "stack-agent";
    static final String NS = "llm";
    /**
     * The copied pull secret and the out-of-band token bear the seed's names: the ClusterRole reads
     * and writes Secrets only by those names (resourceNames), and RbacTest proves it from these flows.
     */
    static final String PULL_SECRET = "redhat-pull-secret";
    static final ClusterRef CLUSTER = new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1");
    /** Wednesday 12:00 and 23:00 in Amsterdam. */
    static final Instant DAY = Instant.parse("2026-11-25T11:00:00Z");
    static final Instant NIGHT = Instant.parse("2026-11-25T22:00:00Z");
    static final OperationPolicy POLICY = new OperationPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(1), 3,
            Duration.ofMinutes(1));

    static final String STACK = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: ecoeng-llmd, location: europe-west4-a, name: llmd-istio-tpu-pattern1}
            namespaces:
              - name: llm
                labels: {generation: "%1$s"}
            secretCopies:
              - {fromNamespace: istio-system, fromName: redhat-pull-secret, namespace: llm}
            nodePools:
              - name: tpu-v6e-pool
                machineType: ct6e-standard-4t
                tpuTopology: 2x2
                nodeCount: 1
                autoscaling: {enabled: true, minNodeCount: 0, maxNodeCount: 3}
                taints:
                  - {key: google.com/tpu, value: present, effect: NO_SCHEDULE}
            schedule:
              timeZone: Europe/Amsterdam
              awake:
                - {days: Mon-Fri, from: "07:00", to: "19:00"}
              drainTimeout: 10m
              nodePools: [tpu-v6e-pool]
            """;
    static final String ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: vllm, annotations: {generation: "%s"}}
            imagePullSecrets: [{name: redhat-pull-secret}]
            """;
    static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {generation: "%s"}
            """;
    static final String POLICY_YAML = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-gateway}
            spec:
              podSelector: {matchLabels: {app.kubernetes.io/name: qwen}}
              ingress: [{ports: [{port: 800%s, protocol: TCP}]}]
            """;
    static final String SERVICE = """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata: {name: qwen}
            spec:
              model: {uri: "hf://Qwen/Qwen2.5-3B-Instruct", name: Qwen/Qwen2.5-3B-Instruct}
              replicas: 1
              template:
                containers:
                  - name: main
                    env:
                      - name: HF_TOKEN
                        valueFrom: {secretKeyRef: {name: hf-token, key: HF_TOKEN}}
            """;

    final KubernetesClient client;
    final FakeClusterManager gke;
    final MeterRegistry registry;
    final List<SyncResult> results = new ArrayList<>();

    private final String secondPullSecretBase64;

    /** The pull secret copied by the stack holds the first value, then (from the second sync on) the second. */
    CoreFlows(KubernetesClient client, MeterRegistry registry, String pullSecretBase64, String secondPullSecretBase64) {
        this.secondPullSecretBase64 = secondPullSecretBase64;
        this.client = client;
        this.registry = registry;
        TestCrds.installLlmInferenceService(client);
        for (String ns : List.of(AGENT_NS, "istio-system")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).createOr(r -> r.update());
        }
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName(PULL_SECRET).endMetadata()
                .withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson", pullSecretBase64).build()).createOr(r -> r.update());
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("gke-tpu-1")
                .addToLabels("cloud.google.com/gke-nodepool", "tpu-v6e-pool").endMetadata().build()).createOr(r -> r.update());
        gke = new FakeClusterManager().start().addCluster(CLUSTER);
    }

    /** The stack at a generation (1..9): every object differs from one generation to the next. */
    static Stack stack(int generation, boolean withConfigMap) {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/demo/stack.yaml", STACK.formatted(generation));
        files.put("stacks/demo/account.yaml", ACCOUNT.formatted(generation));
        files.put("stacks/demo/policy.yaml", POLICY_YAML.formatted(generation));
        files.put("stacks/demo/service.yaml", SERVICE);
        if (withConfigMap) files.put("stacks/demo/config.yaml", CONFIG.formatted(generation));
        return Stacks.load(files);
    }

    StackSync syncAt(Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        NodePools pools = new GkeNodePools(gke.client(), new KubernetesNodeCounter(client), registry, POLICY, d -> { });
        return new StackSync(SyncParts.of(client, AGENT_NS, pools, new KubernetesEventRecorder(client, AGENT_NS, clock)), clock);
    }

    /** Day: create, then change; night: put to sleep; then prune a file and remove the stack. */
    void run() {
        StackSync day = syncAt(DAY);
        results.add(day.sync(stack(1, true), "rev1"));
        client.secrets().inNamespace("istio-system").withName(PULL_SECRET).edit(s -> {
            s.getData().put(".dockerconfigjson", secondPullSecretBase64);
            return s;
        });
        results.add(day.sync(stack(2, true), "rev2"));
        new Preflight(client, PreflightOptions.seedDefaults(), Clock.fixed(DAY, ZoneOffset.UTC))
                .run(stack(2, true).objects(), java.util.Set.of(), null);
        StackSync night = syncAt(NIGHT);
        for (int i = 0; i < 4; i++) {
            results.add(night.sync(stack(2, true), "rev2"));
        }
        results.add(night.sync(stack(2, false), "rev3"));
        new InventoryStore(client, AGENT_NS).stacks();
        results.add(night.remove("demo", "rev4"));
    }

    @Override
    public void close() throws InterruptedException {
        gke.close();
    }
}
