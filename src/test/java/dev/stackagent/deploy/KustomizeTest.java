package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every overlay of {@code deploy/} renders, with the hardening the agent's pods need and no secret
 * value anywhere; where kubectl is installed the small Java renderer agrees with it exactly.
 */
class KustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/gke"})
    void rendersWithTheHardenedDeploymentAndNoSecretValue(String overlay) {
        Manifests.Rendered r = Manifests.render(overlay);

        assertThat(r.objects()).extracting(o -> o.path("kind").asText()).contains("Namespace", "ServiceAccount", "Role", "ClusterRole",
                "RoleBinding", "ClusterRoleBinding", "Deployment", "Service", "ServiceMonitor", "PodDisruptionBudget", "NetworkPolicy")
                .doesNotContain("Secret");
        r.objects().stream().filter(o -> !o.path("kind").asText().startsWith("Cluster") && !o.path("kind").asText().equals("Namespace"))
                .forEach(o -> assertThat(o.path("metadata").path("namespace").asText()).as(o.path("kind") + " namespace").isEqualTo("stack-agent"));
        JsonNode pod = r.one("Deployment", "stack-agent").path("spec").path("template").path("spec");
        assertThat(r.one("Deployment", "stack-agent").path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(c.path("securityContext").path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(c.path("resources").path("requests").isObject() && c.path("resources").path("limits").isObject()).isTrue();
        assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.path("volumeMounts").toString()).contains("\"mountPath\":\"/tmp\"");
        assertThat(pod.path("volumes").toString()).contains("\"secretName\":\"stack-agent-git\"").contains("\"secretName\":\"stack-agent-webhook\"");
        for (JsonNode env : c.path("env")) {
            String name = env.path("name").asText();
            if (name.matches(".*(TOKEN|SECRET|PASSWORD|KEY).*") && env.has("value")) {
                assertThat(env.path("value").asText()).as(name + " must name a mounted file, not hold a value").startsWith("/var/run/secrets/");
            }
        }
        assertThat(r.one("PodDisruptionBudget", "stack-agent").path("spec").path("minAvailable").asInt()).isEqualTo(1);
    }

    @Test
    void theGkeOverlayCarriesTheSeedClusterWorkloadIdentityAndImage() {
        Manifests.Rendered r = Manifests.render("deploy/overlays/gke");

        assertThat(r.one("ServiceAccount", "stack-agent").path("metadata").path("annotations").path("iam.gke.io/gcp-service-account").asText())
                .isEqualTo("stack-agent@ecoeng-llmd.iam.gserviceaccount.com");
        JsonNode data = r.one("ConfigMap", "stack-agent-config").path("data");
        assertThat(data.path("STACK_AGENT_CLUSTER_PROJECT").asText()).isEqualTo("ecoeng-llmd");
        assertThat(data.path("STACK_AGENT_CLUSTER_LOCATION").asText()).isEqualTo("europe-west4-a");
        assertThat(data.path("STACK_AGENT_CLUSTER_NAME").asText()).isEqualTo("llmd-istio-tpu-pattern1");
        assertThat(r.one("Deployment", "stack-agent").path("spec").path("template").path("spec").path("containers").get(0).path("image").asText())
                .isEqualTo("europe-west4-docker.pkg.dev/ecoeng-llmd/stack-agent/stack-agent:0.1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/gke"})
    void theJavaRendererAgreesWithKubectlWhereKubectlIsInstalled(String overlay) {
        var real = Manifests.kubectlKustomize(Manifests.dir(overlay));
        org.junit.jupiter.api.Assumptions.assumeTrue(real.isPresent(), "kubectl is not installed: nothing to compare with");

        assertThat(byKey(KustomizeSubset.render(Manifests.dir(overlay)))).isEqualTo(byKey(real.get()));
    }

    private static Map<String, ObjectNode> byKey(List<ObjectNode> objects) {
        Map<String, ObjectNode> out = new TreeMap<>();
        objects.forEach(o -> out.put(o.path("kind").asText() + "/" + o.path("metadata").path("namespace").asText() + "/"
                + o.path("metadata").path("name").asText(), o));
        return out;
    }
}
