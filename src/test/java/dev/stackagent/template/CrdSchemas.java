package dev.stackagent.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates objects against a CRD's {@code openAPIV3Schema} the way a strict API server would, as
 * far as a JSON Schema validator can: draft-4 keywords, {@code x-kubernetes-*} keywords ignored
 * (int-or-string fields carry their own {@code anyOf}), and every object schema with
 * {@code properties} closed ({@code additionalProperties: false}) unless it says
 * {@code x-kubernetes-preserve-unknown-fields} - the API server's strict field validation
 * ({@code kubectl apply} default) rejects unknown fields where its pruning would drop them.
 * CEL rules ({@code x-kubernetes-validations}) are not evaluated.
 */
final class CrdSchemas {
    /** The vendor keywords of Kubernetes structural schemas; none of them constrains a value here. */
    static final List<String> KUBERNETES_KEYWORDS = List.of(
            "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations");

    private static final String META_SCHEMA_IRI = "https://stack-agent.dev/schemas/kubernetes-structural-v4";

    private CrdSchemas() {
    }

    /** The {@code openAPIV3Schema} of {@code version} in a CRD file. */
    static ObjectNode openApiSchema(Path crdFile, String version) {
        JsonNode crd = TemplateFiles.readObject(crdFile);
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                return ((ObjectNode) v.path("schema").path("openAPIV3Schema")).deepCopy();
            }
        }
        throw new IllegalArgumentException(crdFile + " has no version " + version);
    }

    static JsonSchema compile(ObjectNode openApiSchema) {
        ObjectNode closed = openApiSchema.deepCopy();
        close(closed);
        JsonMetaSchema meta = JsonMetaSchema.builder(META_SCHEMA_IRI, JsonMetaSchema.getV4())
                .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                b -> b.metaSchema(meta).defaultMetaSchemaIri(META_SCHEMA_IRI));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        return factory.getSchema(closed, config);
    }

    static Set<ValidationMessage> validate(JsonSchema schema, JsonNode object) {
        return schema.validate(object);
    }

    /** Adds {@code additionalProperties: false} to every object schema with properties that does not preserve unknown fields. */
    static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        if (o.has("properties") && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            o.put("additionalProperties", false);
        }
        o.path("properties").forEach(CrdSchemas::close);
        JsonNode items = o.path("items");
        if (items.isArray()) {
            items.forEach(CrdSchemas::close);
        } else {
            close(items);
        }
        close(o.path("additionalProperties"));
        close(o.path("not"));
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            o.path(combinator).forEach(CrdSchemas::close);
        }
    }
}
