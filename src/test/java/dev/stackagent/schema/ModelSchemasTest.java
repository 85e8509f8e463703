package dev.stackagent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Built-in kinds are checked against schemas derived from the fabric8 Kubernetes model, not per-kind rules. */
class ModelSchemasTest {
    record Case(String name, String yaml, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> check(String yaml) throws Exception {
        JsonNode body = new YAMLMapper().readTree(yaml);
        Schema schema = ModelSchemas.shared().find(body.get("apiVersion").asText(), body.get("kind").asText()).orElseThrow();
        return SchemaWalker.check(body, schema.root(), "", schema.refs()).stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    static Stream<Case> builtInSchemaCases() {
        return Stream.of(
                new Case("NetworkPolicy policyType typo", """
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata: {name: a}
                        spec:
                          podSelector: {}
                          policyType: [Egress]
                        """, List.of("spec.policyType: unknown field (did you mean 'policyTypes'?) (the API server would drop it)")),
                new Case("Service port as int-or-string target", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: a, labels: {x: y}}
                        spec:
                          ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}]
                        """, List.of()),
                new Case("Deployment replicas as a string", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: a}
                        spec:
                          replicas: "two"
                          selector: {matchLabels: {a: b}}
                          template:
                            metadata: {labels: {a: b}}
                            spec:
                              containers: [{name: c, image: i, resources: {limits: {cpu: 0.5, memory: 1Gi}}}]
                        """, List.of("spec.replicas: expected an integer, got the string 'two'")),
                new Case("unknown field deep in a pod template", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: a}
                        spec:
                          selector: {matchLabels: {a: b}}
                          template:
                            spec:
                              containers: [{name: c, image: i, imagePullPolicy: Always, command: [a], envv: []}]
                        """, List.of("spec.template.spec.containers[0].envv: unknown field (did you mean 'env'?) (the API server would drop it)")),
                new Case("ConfigMap data must be strings", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: a, annotations: {a: b}}
                        data: {level: 3}
                        """, List.of("data.level: expected a string, got the number 3")),
                new Case("value types of the model are scalars on the wire (MicroTime, Duration, Quantity)", """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: a}
                        spec: {holderIdentity: x, renewTime: "2026-12-02T06:00:00.000000Z", leaseDurationSeconds: 15}
                        """, List.of()),
                new Case("resource quantities as numbers or strings", """
                        apiVersion: v1
                        kind: ResourceQuota
                        metadata: {name: a}
                        spec: {hard: {cpu: 4, memory: 8Gi, pods: "10"}}
                        """, List.of()),
                new Case("unknown metadata field", """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: a, label: {a: b}}
                        type: Opaque
                        """, List.of("metadata.label: unknown field (did you mean 'labels'?) (the API server would drop it)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInSchemaCases")
    void builtInKindsAreValidatedAgainstTheModelSchema(Case c) throws Exception {
        assertThat(check(c.yaml())).containsExactlyElementsOf(c.problems());
    }

    @Test
    void customResourceGroupsAreNeverTakenFromTheModel() {
        assertThat(ModelSchemas.shared().find("gateway.networking.k8s.io/v1", "HTTPRoute")).isEmpty();
        assertThat(ModelSchemas.shared().find("networking.k8s.io/v1", "NetworkPolicy")).isPresent();
        assertThat(ModelSchemas.shared().find("v1", "NoSuchKind")).isEmpty();
    }
}
