package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.policy.HardRules;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;

/**
 * The policy {@code deploy/} ships: it renders into the ConfigMap {@code stack-agent-policy}, loads
 * with the agent's strict loader, is mounted read-only where {@code STACK_AGENT_POLICY_FILE} points,
 * and lets the seed stack run as it did before the policy existed, while refusing what the seed
 * does not need.
 */
class ShippedPolicyTest {
    static final String POLICY_PATH = "/etc/stack-agent/policy/policy.yaml";

    /** The shipped policy, as the rendered overlay holds it. */
    static Policy shippedPolicy(Manifests.Rendered r) {
        return PolicyLoader.parse("deploy ConfigMap stack-agent-policy", policyText(r).getBytes(StandardCharsets.UTF_8));
    }

    static String policyText(Manifests.Rendered r) {
        JsonNode data = r.one("ConfigMap", "stack-agent-policy").path("data");
        assertThat(data.has("policy.yaml")).as("ConfigMap stack-agent-policy has key policy.yaml").isTrue();
        return data.path("policy.yaml").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/gke"})
    void theShippedPolicyRendersAndLoadsWithTheStrictLoader(String overlay) {
        Manifests.Rendered r = Manifests.render(overlay);

        assertThat(r.one("ConfigMap", "stack-agent-policy").path("metadata").path("namespace").asText()).isEqualTo("stack-agent");
        Policy p = shippedPolicy(r);

        assertThat(p.apiVersion()).isEqualTo(Policy.API_VERSION);
        assertThat(p.kind()).isEqualTo(Policy.KIND);
    }

    @Test
    void theDeploymentMountsThePolicyReadOnlyWhereTheEnvironmentVariableNamesIt() {
        Manifests.Rendered r = Manifests.render("deploy/overlays/gke");
        JsonNode pod = r.one("Deployment", "stack-agent").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        String file = null;
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals("STACK_AGENT_POLICY_FILE")) file = env.path("value").asText();
        }
        assertThat(file).as("env STACK_AGENT_POLICY_FILE").isEqualTo(POLICY_PATH);

        JsonNode mount = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String dir = m.path("mountPath").asText();
            if (file.startsWith(dir.endsWith("/") ? dir : dir + "/")) mount = m;
        }
        assertThat(mount).as("a volume mounted above " + file).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).as("policy mount readOnly").isTrue();
        assertThat(mount.has("subPath")).as("no subPath: the file name comes from the volume's items").isFalse();
        String fileInVolume = file.substring(mount.path("mountPath").asText().replaceAll("/$", "").length() + 1);

        JsonNode volume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(mount.path("name").asText())) volume = v;
        }
        assertThat(volume).as("volume " + mount.path("name")).isNotNull();
        JsonNode cm = volume.path("configMap");
        assertThat(cm.path("name").asText()).isEqualTo("stack-agent-policy");
        assertThat(cm.path("optional").asBoolean(false)).as("a missing policy must not start the agent").isFalse();
        String key = fileInVolume;
        if (cm.has("items")) {
            key = null;
            for (JsonNode item : cm.path("items")) {
                if (item.path("path").asText().equals(fileInVolume)) key = item.path("key").asText();
            }
        }
        assertThat(key).as("the ConfigMap key mounted as " + fileInVolume).isEqualTo("policy.yaml");
        assertThat(r.one("ConfigMap", "stack-agent-policy").path("data").has(key)).isTrue();
    }

    @Test
    void theSeedStackRunsUnderTheShippedPolicy() {
        Policy p = shippedPolicy(Manifests.render("deploy/overlays/gke"));

        // kinds of the seed's manifests
        for (String[] gk : List.of(new String[] {"serving.kserve.io", "LLMInferenceService"},
                new String[] {"networking.k8s.io", "NetworkPolicy"}, new String[] {"", "Secret"})) {
            assertThat(p.allowedKind(gk[0], gk[1])).as(gk[1]).isNotNull();
        }
        assertThat(HardRules.namespaceRefusal(p, "stack-agent", "llm-d-inference-scheduling")).isNull();
        assertThat(p.secretCopies().allows("istio-system", "redhat-pull-secret")).isTrue();
        assertThat(HardRules.secretSourceRefusal("stack-agent", "istio-system")).isNull();
        // the seed's TPU pool: created by hand, a ct6e-standard-4t of at most 3 nodes
        assertThat(p.nodePools().adoptable("tpu-v6e-pool")).isTrue();
        assertThat(p.nodePools().machineTypes()).contains("ct6e-standard-4t");
        assertThat(p.nodePools().maxNodes()).isGreaterThanOrEqualTo(3);
        assertThat(p.nodePools().maxPoolsPerStack()).isGreaterThanOrEqualTo(1);
        // its load check (off by default): 100 requests, 20 at a time
        assertThat(p.verification().maxLoadRequests()).isGreaterThanOrEqualTo(100);
        assertThat(p.verification().maxLoadConcurrency()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theShippedPolicyIsTheDefaultsNarrowedToTheSeedNamespacesAndPool() {
        Policy shipped = shippedPolicy(Manifests.render("deploy/overlays/gke"));
        Policy defaults = Policy.defaults();

        assertThat(shipped.kinds()).isEqualTo(defaults.kinds());
        assertThat(shipped.namespaces().allowed()).containsExactly("llm-d-*");
        assertThat(shipped.namespaces().platform()).isEqualTo(defaults.namespaces().platform());
        assertThat(shipped.namespaces().allowedKeys()).isEmpty();
        assertThat(shipped.secretCopies().allowed()).isEqualTo(defaults.secretCopies().allowed());
        assertThat(shipped.secretCopies().sourceOptIn()).as("opt-in sources need RBAC the role does not grant").isFalse();
        assertThat(shipped.nodePools().machineTypes()).containsExactly("ct6e-standard-4t");
        assertThat(shipped.nodePools().maxNodes()).isEqualTo(4);
        assertThat(shipped.nodePools().maxPoolsPerStack()).isEqualTo(2);
        assertThat(shipped.nodePools().maxDiskSizeGb()).isEqualTo(500);
        assertThat(shipped.nodePools().adoptable()).containsExactly("tpu-v6e-pool");
        assertThat(shipped.verification()).isEqualTo(defaults.verification());
        assertThat(shipped.repository()).isEqualTo(defaults.repository());
        assertThat(shipped.adoption()).isEmpty();
    }

    @Test
    void theShippedPolicyRefusesWhatTheSeedDoesNotNeed() {
        Policy p = shippedPolicy(Manifests.render("deploy/overlays/gke"));

        assertThat(HardRules.namespaceRefusal(p, "stack-agent", "stack-agent")).contains("agent's own");
        assertThat(HardRules.namespaceRefusal(p, "stack-agent", "kube-system")).contains("belongs to the cluster");
        assertThat(HardRules.namespaceRefusal(p, "stack-agent", "istio-system")).contains("platform namespace");
        assertThat(HardRules.namespaceRefusal(p, "stack-agent", "team-a")).contains("not allowed");
        assertThat(p.allowedKind("rbac.authorization.k8s.io", "RoleBinding")).isNull();
        assertThat(p.allowedKind("", "Pod")).isNull();
        assertThat(p.secretCopies().allows("kube-system", "redhat-pull-secret")).isFalse();
        assertThat(p.secretCopies().allows("istio-system", "istio-ca-secret")).isFalse();
        assertThat(p.nodePools().adoptable("default-pool")).isFalse();
        assertThat(p.verification().allowsHost("example.com")).isFalse();
        assertThat(p.verification().allowsHost("qwen.llm-d-inference-scheduling.svc.cluster.local")).isTrue();
    }

    @Test
    void everyFieldOfTheShippedPolicyIsCommented() {
        String text = policyText(Manifests.render("deploy/base"));
        String[] lines = text.split("\n");
        // a field line (`name:` at any depth, not a list item) is preceded by a comment line
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.matches("\\s*[A-Za-z]+:.*") || line.startsWith("apiVersion:") || line.startsWith("kind:")) continue;
            int j = i - 1;
            while (j >= 0 && lines[j].isBlank()) j--;
            boolean sectionHeader = line.trim().endsWith(":") && i + 1 < lines.length && lines[i + 1].trim().startsWith("#");
            assertThat(sectionHeader || j >= 0 && lines[j].trim().startsWith("#")).as("comment before '" + line.trim() + "'").isTrue();
        }
    }
}
