package dev.stackagent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.RepoFiles;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** The online schema check: custom resources against the CRDs installed in the cluster. */
@EnableKubernetesMockClient(crud = true)
class ClusterSchemaSourceTest {
    KubernetesClient client;

    static final String SERVICE = """
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata:
              name: qwen
              namespace: team-a
            spec:
              model:
                uri: hf://Qwen/Qwen2.5-3B-Instruct
              replicas: "two"
            """;

    @Test
    void schemaOfACustomResourceIsReadFromTheClustersCrd() throws Exception {
        assumeTrue(TestCrds.realCrdsAvailable(), "../shared/crds is absent: the cluster CRD schema test needs the real KServe CRD");
        TestCrds.installLlmInferenceService(client);
        ClusterSchemaSource source = ClusterSchemaSource.read(client);
        byte[] file = SERVICE.getBytes();
        ObjectNode body = (ObjectNode) new YAMLMapper().readTree(file);
        DesiredObject object = new DesiredObject(new ObjectRef("serving.kserve.io/v1alpha1", "LLMInferenceService", "team-a", "qwen"),
                body, "stacks/a/service.yaml", 1);
        List<ValidationError> errors = new ArrayList<>();
        List<ValidationError> warnings = new ArrayList<>();

        new SchemaCheck(source).check(object, file, errors, warnings);

        assertThat(source.problem()).isNull();
        assertThat(warnings).isEmpty();
        assertThat(errors).extracting(ValidationError::toString).containsExactly(
                "stacks/a/service.yaml:9: LLMInferenceService team-a/qwen: field spec.replicas: expected an integer, got the string 'two'");
    }

    @Test
    void withoutTheCrdInTheClusterTheCustomResourceIsNotSchemaCheckedAndTheStackStillLoads() {
        ClusterSchemaSource source = ClusterSchemaSource.read(client);

        var state = StackLoader.load("rev", RepoFiles.of(Stacks.files(Map.of(
                "stacks/a/stack.yaml", """
                        apiVersion: stack-agent.dev/v1alpha1
                        kind: Stack
                        cluster: {project: p, location: europe-west4-a, name: c}
                        namespaces: [{name: team-a}]
                        """,
                "stacks/a/service.yaml", SERVICE.replace("\"two\"", "2")))), LoadRules.defaults().withObjectCheck(new SchemaCheck(source)));

        assertThat(state.rejected()).isEmpty();
        assertThat(state.warnings()).extracting(ValidationError::toString).containsExactly("stacks/a/service.yaml:1: "
                + "LLMInferenceService (serving.kserve.io/v1alpha1): " + SchemaCheck.NOT_CHECKED);
    }
}
