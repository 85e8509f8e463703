package dev.stackagent.health.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

class SecretReferencesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void findsTheSecretsOfTheRealStack() throws Exception {
        JsonNode service = YAML.readTree(Path.of(
                "config-repo-template/stacks/qwen2-3b-pattern1/manifests/llminferenceservice.yaml").toFile());
        assertThat(SecretReferences.in(service)).containsExactly(
                new SecretRef("llm-d-inference-scheduling", "hf-token"),
                new SecretRef("llm-d-inference-scheduling", "redhat-pull-secret"));
    }

    @Test
    void findsEveryKindOfReferenceButOptionalOnes() throws Exception {
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: ns}
                spec:
                  template:
                    spec:
                      imagePullSecrets: [{name: pull}]
                      containers:
                        - name: c
                          envFrom:
                            - secretRef: {name: env-bundle}
                            - configMapRef: {name: not-a-secret}
                          env:
                            - name: A
                              valueFrom: {secretKeyRef: {name: key-secret, key: a}}
                            - name: B
                              valueFrom: {secretKeyRef: {name: optional-secret, key: b, optional: true}}
                      volumes:
                        - name: certs
                          secret: {secretName: tls-certs}
                        - name: cfg
                          configMap: {name: not-a-secret-either}
                """);
        assertThat(SecretReferences.in(deployment)).extracting(SecretRef::toString)
                .containsExactly("ns/env-bundle", "ns/key-secret", "ns/pull", "ns/tls-certs");
    }

    @Test
    void anObjectWithoutReferencesHasNone() throws Exception {
        JsonNode policy = YAML.readTree(Path.of(
                "config-repo-template/stacks/qwen2-3b-pattern1/manifests/networkpolicies/default-deny.yaml").toFile());
        assertThat(SecretReferences.in(policy)).isEmpty();
    }
}
