package dev.stackagent.faults;

import java.util.HashMap;
import java.util.Map;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.testing.Stacks;

/**
 * A small stack for the fault tests: one namespace, a ConfigMap, a NetworkPolicy and an
 * LLMInferenceService (applied in that kind order), optionally a TPU node pool and a schedule.
 */
final class DemoStack {
    static final ClusterRef CLUSTER = new ClusterRef("p", "europe-west4-a", "c");
    static final String LLMIS_API = "serving.kserve.io/v1alpha1";
    static final String LLMIS = "LLMInferenceService";

    static final String TPU_POOL = """
            nodePools:
              - name: tpu-v6e-pool
                machineType: ct6e-standard-4t
                tpuTopology: 2x2
                nodeCount: 1
                autoscaling: {enabled: true, minNodeCount: 0, maxNodeCount: 3}
            """;
    /** Awake on weekdays 07:00-19:00 Amsterdam time, waking 20 minutes early. */
    static final String SCHEDULE = """
            schedule:
              timeZone: Europe/Amsterdam
              awake:
                - {days: Mon-Fri, from: "07:00", to: "19:00"}
              wakeLeadTime: 20m
              drainTimeout: 10m
              nodePools: [tpu-v6e-pool]
            """;

    private DemoStack() {
    }

    /** The files of stack {@code name} in namespace {@code namespace}; {@code extra} is appended to stack.yaml. */
    static Map<String, String> files(String name, String namespace, String maxModelLen, int replicas, String extra) {
        String dir = "stacks/" + name + "/";
        Map<String, String> files = new HashMap<>();
        files.put(dir + "stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces:
                  - name: %s
                """.formatted(namespace) + extra);
        files.put(dir + "config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  maxModelLen: "%s"
                """.formatted(maxModelLen));
        files.put(dir + "policy.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-gateway
                spec:
                  podSelector:
                    matchLabels: {app: qwen}
                  ingress:
                    - ports:
                        - {port: %d, protocol: TCP}
                """.formatted(maxModelLen.equals("2048") ? 8000 : 8001));
        files.put(dir + "service.yaml", """
                apiVersion: serving.kserve.io/v1alpha1
                kind: LLMInferenceService
                metadata:
                  name: qwen
                spec:
                  model: {uri: "hf://Qwen/Qwen2.5-3B-Instruct", name: Qwen/Qwen2.5-3B-Instruct}
                  replicas: %d
                  router: {route: {}, gateway: {}, scheduler: {}}
                """.formatted(replicas));
        return files;
    }

    static Stack load(Map<String, String> files) {
        return Stacks.load(files);
    }

    static Stack stack(String maxModelLen, int replicas, String extra) {
        return load(files("demo", "llm", maxModelLen, replicas, extra));
    }
}
