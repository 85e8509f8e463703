package dev.stackagent.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

/**
 * The template's LLMInferenceService against the real KServe v0.16.0 v1alpha1 CRD schema (the
 * version llm-d-infra-xks installs), from {@code ../shared/crds}. Skipped when that is absent.
 */
class TemplateCrdSchemaTest {
    static final String V016_CRD = "crds/kserve-v0.16.0-v1alpha1-only/serving.kserve.io_llminferenceservices.yaml";
    static final String V020_CRD = "crds/kserve-v0.20.0/serving.kserve.io_llminferenceservices.yaml";

    static JsonSchema v016;

    @BeforeAll
    static void loadCrd() {
        Path shared = TemplateFiles.sharedDir().orElse(null);
        assumeTrue(shared != null, "../shared (KServe CRDs) not found beside the project and -D"
                + TemplateFiles.SHARED_DIR_PROPERTY + " not set: skipping the CRD schema check of the template");
        v016 = CrdSchemas.compile(CrdSchemas.openApiSchema(shared.resolve(V016_CRD), "v1alpha1"));
    }

    static ObjectNode template() {
        return TemplateFiles.readObject(TemplateFiles.manifest("llminferenceservice.yaml"));
    }

    /** Messages start with the JSON Pointer of the offending field, e.g. {@code /spec/replicas: ...}. */
    static Set<String> errors(JsonSchema schema, ObjectNode object) {
        return CrdSchemas.validate(schema, object).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @Test
    void templateIsValidAgainstKserveV016() {
        ObjectNode llmisvc = template();
        assertThat(llmisvc.path("apiVersion").asText()).isEqualTo("serving.kserve.io/v1alpha1");
        assertThat(llmisvc.path("kind").asText()).isEqualTo("LLMInferenceService");
        assertThat(errors(v016, llmisvc)).isEmpty();
    }

    /** KServe v0.20 still serves v1alpha1 (storage is v1alpha2): the template survives that upgrade too. */
    @Test
    void templateIsValidAgainstKserveV020V1alpha1() {
        Path crd = TemplateFiles.sharedDir().orElseThrow().resolve(V020_CRD);
        assumeTrue(Files.isRegularFile(crd), crd + " not present");
        JsonSchema v020 = CrdSchemas.compile(CrdSchemas.openApiSchema(crd, "v1alpha1"));
        assertThat(errors(v020, template())).isEmpty();
    }

    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                broken("spec.replicas is a string", "/spec/replicas",
                        o -> spec(o).put("replicas", "one")),
                broken("negative replicas", "/spec/replicas",
                        o -> spec(o).put("replicas", -1)),
                broken("unknown field under spec (typo of replicas)", "replica",
                        o -> spec(o).put("replica", 1)),
                broken("template written as a PodTemplateSpec (template.metadata)", "metadata",
                        o -> ((ObjectNode) spec(o).path("template")).putObject("metadata").putObject("labels").put("app", "x")),
                broken("template.spec instead of a PodSpec", "/spec/template",
                        o -> {
                            ObjectNode t = (ObjectNode) spec(o).path("template");
                            ObjectNode podSpec = t.deepCopy();
                            t.removeAll();
                            t.set("spec", podSpec);
                        }),
                broken("model without uri", "uri",
                        o -> ((ObjectNode) spec(o).path("model")).remove("uri")),
                broken("TPU quantity that is not a quantity", "limits/google.com~1tpu",
                        o -> ((ObjectNode) spec(o).path("template").path("containers").path(0).path("resources").path("limits"))
                                .put("google.com/tpu", "four chips")),
                broken("probe port neither int nor string", "/spec/template/containers/0/livenessProbe/httpGet/port",
                        o -> ((ObjectNode) spec(o).path("template").path("containers").path(0).path("livenessProbe").path("httpGet"))
                                .putArray("port").add(8000)),
                broken("router.scheduler as a string", "/spec/router/scheduler",
                        o -> ((ObjectNode) spec(o).path("router")).put("scheduler", "epp")));
    }

    private static Arguments broken(String name, String mentioned, Consumer<ObjectNode> edit) {
        return Arguments.of(name, mentioned, edit);
    }

    private static ObjectNode spec(ObjectNode o) {
        return (ObjectNode) o.path("spec");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCopies")
    void brokenCopyIsRejected(String name, String mentioned, Consumer<ObjectNode> edit) {
        ObjectNode copy = template();
        edit.accept(copy);
        Set<String> errors = errors(v016, copy);
        assertThat(errors).as(name).isNotEmpty();
        assertThat(String.join("\n", errors)).as(name).contains(mentioned);
    }

    /** int-or-string fields accept both (they carry anyOf); the x-kubernetes-* keywords themselves constrain nothing. */
    @Test
    void intOrStringPortAcceptsANamedPort() {
        ObjectNode copy = template();
        ((ObjectNode) spec(copy).path("template").path("containers").path(0).path("livenessProbe").path("httpGet"))
                .put("port", "http");
        assertThat(errors(v016, copy)).isEmpty();
    }

    /** LoRA adapters are x-kubernetes-preserve-unknown-fields: left open, as the API server does. */
    @Test
    void preserveUnknownFieldsStaysOpen() {
        ObjectNode copy = template();
        ((ObjectNode) spec(copy).path("model")).putObject("lora").putArray("adapters")
                .addObject().put("anything", "goes");
        assertThat(errors(v016, copy)).isEmpty();
    }
}
