package dev.stackagent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.KnownFields;
import dev.stackagent.testing.RequestLog;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Strict writes and server dry runs, on a test server that simulates both (see {@link ApiServerSimulation}). */
class StrictWriteTest {
    static final ObjectRef POLICY = new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "llm", "deny");
    static final ObjectRef SERVICE = new ObjectRef("v1", "Service", "llm", "web");

    ApiServerSimulation api;
    RequestLog requests;
    KubernetesWriter writer;

    @BeforeEach
    void setUp() {
        api = KnownFields.declare(new ApiServerSimulation());
        requests = new RequestLog(api.server());
        writer = new KubernetesWriter(api.client());
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    static ObjectNode policy(String typesField) {
        ObjectNode p = JsonNodeFactory.instance.objectNode().put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        p.putObject("metadata").put("name", "deny").put("namespace", "llm");
        ObjectNode spec = p.putObject("spec");
        spec.putObject("podSelector");
        spec.putArray(typesField).add("Ingress").add("Egress");
        return p;
    }

    static ObjectNode service() {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Service");
        s.putObject("metadata").put("name", "web").put("namespace", "llm");
        s.putObject("spec").putArray("ports").addObject().put("port", 80);
        return s;
    }

    @Test
    void aStrictCreateWithAnUnknownFieldIsRejectedNamingTheField() {
        assertThatThrownBy(() -> writer.create(POLICY, policy("policyType")))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getMessage()).contains("strict decoding error: unknown field \"spec.policyType\"");
                });
        assertThat(api.client().network().v1().networkPolicies().inNamespace("llm").withName("deny").get()).as("nothing stored").isNull();
    }

    @Test
    void everyCreateAndPatchIsSentWithStrictFieldValidation() {
        writer.create(POLICY, policy("policyTypes"));
        String rv = api.client().network().v1().networkPolicies().inNamespace("llm").withName("deny").get().getMetadata().getResourceVersion();
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", rv);
        patch.addObject().put("op", "replace").put("path", "/spec/policyTypes").putArray("value").add("Ingress");
        writer.patch(POLICY, patch);

        List<String> writes = requests.writes();
        assertThat(writes).hasSize(2).allSatisfy(w -> assertThat(w).contains("fieldValidation=Strict").doesNotContain("dryRun"));
        assertThat(api.client().network().v1().networkPolicies().inNamespace("llm").withName("deny").get().getSpec().getPolicyTypes())
                .containsExactly("Ingress");
    }

    @Test
    void aStrictPatchAddingAnUnknownFieldIsRejectedAndTheObjectKept() {
        writer.create(POLICY, policy("policyTypes"));
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "add").put("path", "/spec/policyType").putArray("value").add("Egress");

        assertThatThrownBy(() -> writer.patch(POLICY, patch)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).contains("unknown field \"spec.policyType\""));
        assertThat(api.client().network().v1().networkPolicies().inNamespace("llm").withName("deny").get().getSpec().getPolicyTypes())
                .containsExactly("Ingress", "Egress");
    }

    @Test
    void aDryRunCreateAnswersWithTheServerDefaultsAndStoresNothing() {
        ObjectNode stored = writer.dryRun().create(SERVICE, service());

        assertThat(stored.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(stored.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(api.client().services().inNamespace("llm").withName("web").get()).as("a dry run stores nothing").isNull();
        assertThat(requests.writes()).singleElement().asString().contains("dryRun=All").contains("fieldValidation=Strict");
    }

    @Test
    void aDryRunWithAnUnknownFieldIsRejectedLikeTheRealWrite() {
        assertThatThrownBy(() -> writer.dryRun().create(POLICY, policy("policyType")))
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getStatus().getMessage()).contains("unknown field \"spec.policyType\""));
    }
}
