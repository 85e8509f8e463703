package dev.stackagent.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The template's manifests say what FACTS.md says: the NetworkPolicies select the model's pods and
 * open the right ports; the LLMInferenceService carries the seed's values; every object is in the
 * stack's namespace and no Secret values are in Git.
 */
class TemplateManifestsTest {
    static final Map<String, String> MODEL_PODS = Map.of("app.kubernetes.io/name", TemplateFiles.STACK);
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode policy(String name) {
        JsonNode p = TemplateFiles.readObject(TemplateFiles.manifest("networkpolicies/" + name + ".yaml"));
        assertThat(p.path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        assertThat(p.path("kind").asText()).isEqualTo("NetworkPolicy");
        assertThat(p.at("/metadata/name").asText()).isEqualTo(name);
        assertThat(p.at("/metadata/namespace").asText()).isEqualTo(TemplateFiles.NAMESPACE);
        return p;
    }

    static Map<?, ?> map(JsonNode n) {
        return JSON.convertValue(n, Map.class);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyPolicySelectsTheModelPods() {
        for (String name : List.of("default-deny", "allow-gateway-to-vllm", "allow-vllm-egress")) {
            JsonNode selector = policy(name).at("/spec/podSelector");
            assertThat(map(selector.path("matchLabels"))).as(name).isEqualTo(MODEL_PODS);
            assertThat(selector.has("matchExpressions")).as(name).isFalse();
        }
    }

    @Test
    void defaultDenyDeniesIngressAndEgress() {
        JsonNode spec = policy("default-deny").path("spec");
        assertThat(texts(spec.path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(spec.has("ingress")).isFalse();
        assertThat(spec.has("egress")).isFalse();
    }

    @Test
    void gatewayAndProbesReachVllmOnTcp8000Only() {
        JsonNode spec = policy("allow-gateway-to-vllm").path("spec");
        assertThat(texts(spec.path("policyTypes"))).containsExactly("Ingress");
        JsonNode rules = spec.path("ingress");
        assertThat(rules).hasSize(2);
        for (JsonNode rule : rules) {
            assertThat(rule.path("ports")).hasSize(1);
            assertThat(rule.at("/ports/0/protocol").asText()).isEqualTo("TCP");
            assertThat(rule.at("/ports/0/port").isInt()).isTrue();
            assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(8000);
            assertThat(rule.path("from")).hasSize(1);
        }
        // One peer with both selectors: gateway pods AND namespace opendatahub (two peers would mean OR).
        JsonNode gateway = rules.at("/0/from/0");
        assertThat(map(gateway.at("/namespaceSelector/matchLabels")))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "opendatahub"));
        assertThat(map(gateway.at("/podSelector/matchLabels")))
                .isEqualTo(Map.of("gateway.networking.k8s.io/gateway-name", "inference-gateway"));
        // Kubelet probes: any pod of any namespace.
        JsonNode any = rules.at("/1/from/0");
        assertThat(map(any.path("namespaceSelector"))).isEmpty();
        assertThat(map(any.path("podSelector"))).isEmpty();
    }

    @Test
    void egressIsOpen() {
        JsonNode spec = policy("allow-vllm-egress").path("spec");
        assertThat(texts(spec.path("policyTypes"))).containsExactly("Egress");
        assertThat(spec.path("egress")).hasSize(1);
        assertThat(spec.at("/egress/0").size()).as("an empty rule allows all egress").isZero();
    }

    /** KServe labels the pods app.kubernetes.io/name=<LLMInferenceService name>: the policies' selector matches them. */
    @Test
    void llmInferenceServiceNameIsThePodLabelThePoliciesSelect() {
        JsonNode llmisvc = TemplateFiles.readObject(TemplateFiles.manifest("llminferenceservice.yaml"));
        assertThat(llmisvc.at("/metadata/name").asText()).isEqualTo(MODEL_PODS.get("app.kubernetes.io/name"));
        assertThat(map(llmisvc.at("/metadata/labels"))).isEqualTo(MODEL_PODS);
        assertThat(llmisvc.at("/spec/template").has("metadata")).as("v1alpha1 template is a PodSpec").isFalse();
    }

    @Test
    void llmInferenceServiceCarriesTheSeedValues() {
        JsonNode s = TemplateFiles.readObject(TemplateFiles.manifest("llminferenceservice.yaml")).path("spec");
        assertThat(s.at("/model/uri").asText()).isEqualTo("hf://Qwen/Qwen2.5-3B-Instruct");
        assertThat(s.at("/model/name").asText()).isEqualTo("Qwen/Qwen2.5-3B-Instruct");
        assertThat(s.path("replicas").asInt()).isEqualTo(1);
        assertThat(map(s.path("router"))).isEqualTo(Map.of("route", Map.of(), "gateway", Map.of(), "scheduler", Map.of()));
        JsonNode t = s.path("template");
        assertThat(map(t.path("nodeSelector"))).isEqualTo(Map.of(
                "cloud.google.com/gke-tpu-accelerator", "tpu-v6e-slice", "cloud.google.com/gke-tpu-topology", "2x2"));
        assertThat(map(t.at("/tolerations/0"))).isEqualTo(Map.of(
                "key", "google.com/tpu", "operator", "Equal", "value", "present", "effect", "NoSchedule"));
        assertThat(t.at("/imagePullSecrets/0/name").asText()).isEqualTo("redhat-pull-secret");
        assertThat(t.path("containers")).hasSize(1);
        JsonNode main = t.at("/containers/0");
        assertThat(main.path("name").asText()).isEqualTo("main");
        assertThat(main.path("image").asText()).isEqualTo("registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.5");
        String args = String.join(" ", texts(main.path("args")));
        assertThat(args).contains("vllm.entrypoints.openai.api_server", "--model=/mnt/models", "--dtype=half",
                "--max-model-len=2048", "--tensor-parallel-size=4", "--disable-log-requests");
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        main.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("TPU_CHIPS_PER_HOST_BOUNDS").path("value").asText()).isEqualTo("2,2,1");
        assertThat(env.get("TPU_HOST_BOUNDS").path("value").asText()).isEqualTo("1,1,1");
        assertThat(env.get("PJRT_DEVICE").path("value").asText()).isEqualTo("TPU");
        assertThat(map(env.get("HF_TOKEN").at("/valueFrom/secretKeyRef"))).isEqualTo(Map.of("name", "hf-token", "key", "HF_TOKEN"));
        assertThat(main.at("/resources/requests/google.com~1tpu").asText()).isEqualTo("4");
        assertThat(main.at("/resources/limits/google.com~1tpu").asText()).isEqualTo("4");
        assertThat(main.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(main.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/v1/models");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(main.at("/" + probe + "/httpGet/port").asInt()).as(probe).isEqualTo(8000);
            assertThat(main.at("/" + probe + "/initialDelaySeconds").asInt()).as(probe).isEqualTo(240);
        }
    }

    @Test
    void everyManifestObjectIsInTheStackNamespaceAndNoSecretValuesAreInGit() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TemplateFiles.stackDir())) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().equals("stack.yaml")).sorted().toList();
        }
        assertThat(files).hasSize(4);
        for (Path f : files) {
            for (JsonNode o : TemplateFiles.readDocuments(f)) {
                assertThat(o.at("/metadata/namespace").asText()).as(f.toString()).isEqualTo(TemplateFiles.NAMESPACE);
                assertThat(o.path("kind").asText()).as(f.toString()).isNotIn("Secret", "Namespace");
            }
        }
    }

    @Test
    void manifestPathsOfStackYamlExist() {
        JsonNode stack = TemplateFiles.readObject(TemplateFiles.stackDir().resolve("stack.yaml"));
        for (String path : texts(stack.path("manifests"))) {
            assertThat(TemplateFiles.stackDir().resolve(path)).as(path).exists();
        }
    }
}
