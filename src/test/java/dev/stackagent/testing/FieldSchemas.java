package dev.stackagent.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two things a real API server does with an OpenAPI v3 structural schema (a CRD's
 * {@code openAPIV3Schema}, or a hand-written one for a built-in kind) that the simulated server
 * imitates: find fields the schema does not declare (what {@code fieldValidation=Strict} rejects)
 * and values of the wrong basic type, and fill in {@code default}s of absent properties.
 * A subset: {@code properties}, {@code additionalProperties}, {@code items}, {@code type},
 * {@code default} and {@code x-kubernetes-preserve-unknown-fields}; no {@code oneOf}, patterns or
 * enums. {@code apiVersion}, {@code kind}, {@code metadata} and {@code status} are never checked.
 */
final class FieldSchemas {
    private FieldSchemas() {
    }

    /** "unknown field \"spec.policyType\"" for each undeclared field of {@code object}. */
    static List<String> unknownFields(JsonNode schema, JsonNode object) {
        List<String> out = new ArrayList<>();
        if (schema != null && object != null && object.isObject()) {
            object.fields().forEachRemaining(f -> {
                if (!List.of("apiVersion", "kind", "metadata", "status").contains(f.getKey())) {
                    walk(schema, f.getKey(), f.getValue(), out);
                }
            });
        }
        return out;
    }

    /** "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer" for each wrong type. */
    static List<String> wrongTypes(JsonNode schema, JsonNode object) {
        List<String> out = new ArrayList<>();
        if (schema != null && object != null && object.isObject()) {
            object.fields().forEachRemaining(f -> {
                if (!List.of("apiVersion", "kind", "metadata", "status").contains(f.getKey())) {
                    types(schema.path("properties").get(f.getKey()), f.getKey(), f.getValue(), out);
                }
            });
        }
        return out;
    }

    /** Fills in the {@code default} of every absent property under a present object, as the API server does on write. */
    static void applyDefaults(JsonNode schema, JsonNode object) {
        if (schema == null || object == null) return;
        if (object.isObject()) {
            JsonNode props = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (p.getKey().equals("metadata") || p.getKey().equals("status")) continue;
                JsonNode value = object.get(p.getKey());
                if (value == null && p.getValue().has("default")) {
                    ((ObjectNode) object).set(p.getKey(), p.getValue().get("default").deepCopy());
                } else if (value != null) {
                    applyDefaults(p.getValue(), value);
                }
            }
        } else if (object.isArray() && schema.has("items")) {
            object.forEach(e -> applyDefaults(schema.get("items"), e));
        }
    }

    private static void walk(JsonNode schema, String path, JsonNode value, List<String> out) {
        JsonNode s = schema.path("properties").get(path.substring(path.lastIndexOf('.') + 1));
        if (s == null) {
            if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                out.add("unknown field \"" + path + "\"");
            }
            return;
        }
        children(s, path, value, out);
    }

    private static void children(JsonNode s, String path, JsonNode value, List<String> out) {
        if (value.isObject()) {
            JsonNode additional = s.get("additionalProperties");
            value.fields().forEachRemaining(f -> {
                String p = path + "." + f.getKey();
                if (s.path("properties").has(f.getKey())) {
                    children(s.path("properties").get(f.getKey()), p, f.getValue(), out);
                } else if (additional != null && additional.isObject()) {
                    children(additional, p, f.getValue(), out);
                } else if (!(additional != null && additional.asBoolean(false))
                        && !s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    out.add("unknown field \"" + p + "\"");
                }
            });
        } else if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                children(s.get("items"), path + "[" + i + "]", value.get(i), out);
            }
        }
    }

    private static void types(JsonNode s, String path, JsonNode value, List<String> out) {
        if (s == null || value == null || value.isNull()) return;
        String type = s.path("type").asText("");
        boolean ok = switch (type) {
            case "integer" -> value.isIntegralNumber() || s.path("x-kubernetes-int-or-string").asBoolean(false) && value.isTextual();
            case "number" -> value.isNumber();
            case "string" -> value.isTextual() || s.path("x-kubernetes-int-or-string").asBoolean(false) && value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
        if (!ok) {
            out.add(path + ": Invalid value: \"" + kind(value) + "\": " + path + " in body must be of type " + type + ": \"" + kind(value) + "\"");
            return;
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(f -> types(s.path("properties").get(f.getKey()), path + "." + f.getKey(), f.getValue(), out));
        } else if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) types(s.get("items"), path + "[" + i + "]", value.get(i), out);
        }
    }

    private static String kind(JsonNode v) {
        return v.isTextual() ? "string" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number" : v.isBoolean() ? "boolean"
                : v.isArray() ? "array" : "object";
    }
}
