package dev.stackagent.schema;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The schema of one kind at one version: the root (an OpenAPI v3 schema), how its {@code $ref}s
 * resolve, and where it comes from (for messages: "CRD llminferenceservices.serving.kserve.io v1alpha1 from crds/x.yaml").
 */
public record Schema(JsonNode root, Function<String, JsonNode> refs, String origin) {
    public static Schema of(JsonNode root, String origin) {
        return new Schema(root, ref -> null, origin);
    }
}
