package dev.stackagent.health.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.container.v1.Cluster;
import com.google.container.v1.NetworkPolicy;
import com.google.container.v1.WorkloadIdentityConfig;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
class PreflightTest {

    static KubernetesClient client;

    private static final String NS = "llm-d-inference-scheduling";
    private static final Instant NOW = Instant.parse("2025-06-02T07:00:00Z");
    private static final Cluster GOOD_CLUSTER = Cluster.newBuilder().setName("llmd-istio-tpu-pattern1")
            .setNetworkPolicy(NetworkPolicy.newBuilder().setEnabled(true).setProvider(NetworkPolicy.Provider.CALICO))
            .setWorkloadIdentityConfig(WorkloadIdentityConfig.newBuilder().setWorkloadPool("ecoeng-llmd.svc.id.goog"))
            .build();
    private static final ResourceDefinitionContext GATEWAYS = new ResourceDefinitionContext.Builder()
            .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("Gateway").withPlural("gateways")
            .withNamespaced(true).build();

    private List<DesiredObject> desired;

    @BeforeEach
    void stack() throws Exception {
        client.apps().deployments().inAnyNamespace().delete();
        client.secrets().inAnyNamespace().delete();
        client.genericKubernetesResources(GATEWAYS).inAnyNamespace().delete();
        client.apiextensions().v1().customResourceDefinitions()
                .withName("leaderworkersets.leaderworkerset.x-k8s.io").delete();
        Path file = Path.of("config-repo-template/stacks/qwen2-3b-pattern1/manifests/llminferenceservice.yaml");
        ObjectNode body = (ObjectNode) new YAMLMapper().readTree(file.toFile());
        desired = List.of(new DesiredObject(new ObjectRef("serving.kserve.io/v1alpha1", "LLMInferenceService", NS,
                "qwen2-3b-pattern1"), body, file.toString(), 1));
    }

    private PreflightReport run(Set<SecretRef> copied, Cluster cluster) {
        return new Preflight(client, PreflightOptions.seedDefaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(desired, copied, cluster);
    }

    private static void deployment(String namespace, String name, String available, String reason) {
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewStatus().addNewCondition().withType("Available").withStatus(available).withReason(reason)
                .endCondition().endStatus().build()).create();
    }

    private static void allOperatorsUp() {
        deployment("cert-manager", "cert-manager", "True", "MinimumReplicasAvailable");
        deployment("cert-manager", "cert-manager-webhook", "True", "MinimumReplicasAvailable");
        deployment("cert-manager", "cert-manager-cainjector", "True", "MinimumReplicasAvailable");
        deployment("istio-system", "istiod", "True", "MinimumReplicasAvailable");
        deployment("lws-system", "lws-controller-manager", "True", "MinimumReplicasAvailable");
        deployment("opendatahub", "llmisvc-controller-manager", "True", "MinimumReplicasAvailable");
    }

    private static void gateway(Map<String, Object> status) {
        GenericKubernetesResource gw = new GenericKubernetesResourceBuilder()
                .withApiVersion("gateway.networking.k8s.io/v1").withKind("Gateway")
                .withNewMetadata().withName("inference-gateway").withNamespace("opendatahub").endMetadata()
                .addToAdditionalProperties("spec", Map.of("gatewayClassName", "istio"))
                .addToAdditionalProperties("status", status).build();
        client.genericKubernetesResources(GATEWAYS).inNamespace("opendatahub").resource(gw).create();
    }

    private static void secret(String name) {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().addToData("HF_TOKEN", "c2VjcmV0LXZhbHVl").build()).create();
    }

    private static void crd(String plural, String group, String kind) {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withPlural(plural).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
    }

    @Test
    void theSeedsPrerequisitesInPlacePass() {
        allOperatorsUp();
        gateway(Map.of("addresses", List.of(Map.of("type", "IPAddress", "value", "34.90.1.2"))));
        secret("hf-token");
        secret("redhat-pull-secret");

        PreflightReport report = run(Set.of(), GOOD_CLUSTER);

        assertThat(report.failed()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.results()).extracting(CheckResult::name).containsExactly("cert-manager", "istio", "lws",
                "kserve", "gateway", "network-policy-enforcement", "workload-identity",
                "secret llm-d-inference-scheduling/hf-token", "secret llm-d-inference-scheduling/redhat-pull-secret");
        assertThat(report.result("gateway").orElseThrow().message())
                .isEqualTo("Gateway opendatahub/inference-gateway at 34.90.1.2");
        assertThat(report.results()).allSatisfy(r -> assertThat(r.message()).doesNotContain("c2VjcmV0"));
    }

    @Test
    void anUnavailableOrIncompleteOperatorFails() {
        allOperatorsUp();
        client.apps().deployments().inNamespace("istio-system").withName("istiod").delete();
        deployment("istio-system", "istiod", "False", "MinimumReplicasUnavailable");
        client.apps().deployments().inNamespace("cert-manager").withName("cert-manager-webhook").delete();

        PreflightReport report = run(Set.of(), GOOD_CLUSTER);

        assertThat(report.result("istio").orElseThrow()).isEqualTo(CheckResult.failed("istio",
                "not available in istio-system: istiod Available=False (MinimumReplicasUnavailable)"));
        assertThat(report.result("cert-manager").orElseThrow()).isEqualTo(CheckResult.failed("cert-manager",
                "Deployment cert-manager-webhook missing in cert-manager"));
        assertThat(report.result("lws").orElseThrow().outcome()).isEqualTo(CheckOutcome.OK);
    }

    @Test
    void aPresentCrdIsOnlyAWeakSignal() {
        crd("leaderworkersets", "leaderworkerset.x-k8s.io", "LeaderWorkerSet");

        PreflightReport report = run(Set.of(), GOOD_CLUSTER);

        assertThat(report.result("lws").orElseThrow()).isEqualTo(CheckResult.warning("lws",
                "no Deployment lws-controller-manager in lws-system, but CRD leaderworkersets.leaderworkerset.x-k8s.io is installed"));
        assertThat(report.result("kserve").orElseThrow()).isEqualTo(CheckResult.failed("kserve",
                "no Deployment llmisvc-controller-manager in opendatahub and no CRD llminferenceservices.serving.kserve.io"));
    }

    @Test
    void aGatewayWithoutAddressFails() {
        assertThat(run(Set.of(), GOOD_CLUSTER).result("gateway").orElseThrow())
                .isEqualTo(CheckResult.failed("gateway", "Gateway opendatahub/inference-gateway not found"));

        gateway(Map.of("conditions", List.of(Map.of("type", "Programmed", "status", "False"))));
        assertThat(run(Set.of(), GOOD_CLUSTER).result("gateway").orElseThrow().message())
                .isEqualTo("Gateway opendatahub/inference-gateway has no address yet (status.addresses is empty)");
    }

    @Test
    void aMissingSecretFailsUnlessTheAgentCopiesIt() {
        PreflightReport report = run(Set.of(new SecretRef(NS, "redhat-pull-secret")), GOOD_CLUSTER);

        assertThat(report.result("secret llm-d-inference-scheduling/hf-token").orElseThrow().outcome())
                .isEqualTo(CheckOutcome.FAILED);
        assertThat(report.result("secret llm-d-inference-scheduling/redhat-pull-secret").orElseThrow())
                .isEqualTo(CheckResult.ok("secret llm-d-inference-scheduling/redhat-pull-secret",
                        "not there yet; the agent copies it (secretCopies)"));
    }

    @Test
    void withoutTheGkeClusterTheClusterChecksWarn() {
        PreflightReport report = run(Set.of(), null);
        assertThat(report.result("network-policy-enforcement").orElseThrow().outcome()).isEqualTo(CheckOutcome.WARNING);
        assertThat(report.result("workload-identity").orElseThrow().outcome()).isEqualTo(CheckOutcome.WARNING);
    }

    @Test
    void onlyConfiguredChecksBlock() {
        allOperatorsUp();
        gateway(Map.of());
        secret("redhat-pull-secret");
        PreflightReport report = run(Set.of(), GOOD_CLUSTER);

        assertThat(report.passed()).isFalse();
        assertThat(report.failed()).extracting(CheckResult::name)
                .containsExactly("gateway", "secret llm-d-inference-scheduling/hf-token");
        assertThat(report.blocks(Set.of())).isFalse();
        assertThat(report.blocks(Set.of("istio", "workload-identity"))).isFalse();
        assertThat(report.blocks(Set.of("gateway"))).isTrue();
        assertThat(report.blocks(Set.of("secret *"))).isTrue();
    }
}
