package dev.stackagent.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.stackagent.desired.ClusterRef;

/**
 * A fleet of benchmark-like stacks, shared by the benchmark ({@code src/bench}, {@code BenchStacks}) and
 * the tests that count a first sync's requests. A deterministic config repo: {@code n} stacks of ten objects each, in one namespace
 * per stack — the Namespace, two ServiceAccounts, three ConfigMaps, three NetworkPolicies and one
 * LLMInferenceService (no schedule, no node pool). The ConfigMap {@code settings} has a key
 * {@code rev} the latency phases change.
 */
public final class FleetStacks {
    public static final int OBJECTS_PER_STACK = 10;
    /** The kinds in the agent's apply order, each with its plain YAML file of the stack. */
    public static final List<String> FILES = List.of("serviceaccounts.yaml", "configmaps.yaml", "networkpolicies.yaml", "llminferenceservice.yaml");

    private FleetStacks() {
    }

    public static String name(int i) {
        return "s%03d".formatted(i);
    }

    public static String namespace(int i) {
        return "bench-" + name(i);
    }

    /** Every file of stacks 0..n-1 on {@code cluster}, with {@code rev} as the settings ConfigMap's {@code rev}. */
    public static Map<String, String> files(ClusterRef cluster, int n, String rev) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            files.putAll(stack(cluster, i, rev));
        }
        return files;
    }

    public static Map<String, String> stack(ClusterRef cluster, int i, String rev) {
        String dir = "stacks/" + name(i) + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(dir + "stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: %s, location: %s, name: %s}
                namespaces:
                  - name: %s
                manifests:
                  - manifests
                """.formatted(cluster.project(), cluster.location(), cluster.name(), namespace(i)));
        files.put(dir + "manifests/" + FILES.get(0), """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: vllm
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: epp
                """);
        files.put(dir + "manifests/" + FILES.get(1), configMaps(rev));
        files.put(dir + "manifests/" + FILES.get(2), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: default-deny
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-gateway
                spec:
                  podSelector:
                    matchLabels: {app: vllm}
                  ingress:
                    - ports:
                        - {port: 8000, protocol: TCP}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-egress
                spec:
                  podSelector:
                    matchLabels: {app: vllm}
                  policyTypes: [Egress]
                  egress:
                    - {}
                """);
        files.put(dir + "manifests/" + FILES.get(3), """
                apiVersion: serving.kserve.io/v1alpha1
                kind: LLMInferenceService
                metadata:
                  name: model
                spec:
                  model: {uri: "hf://Qwen/Qwen2.5-3B-Instruct", name: Qwen/Qwen2.5-3B-Instruct}
                  replicas: 1
                  router: {route: {}, gateway: {}, scheduler: {}}
                """);
        return files;
    }

    /** Only the ConfigMaps file of stack {@code i}, as a commit changing {@code rev}. */
    public static Map<String, String> settingsChange(int i, String rev) {
        return Map.of("stacks/" + name(i) + "/manifests/" + FILES.get(1), configMaps(rev));
    }

    private static String configMaps(String rev) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  rev: "%s"
                  maxModelLen: "4096"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: prompts
                data:
                  system: "You are a helpful assistant."
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: limits
                data:
                  maxTokens: "512"
                  concurrency: "20"
                """.formatted(rev);
    }
}
