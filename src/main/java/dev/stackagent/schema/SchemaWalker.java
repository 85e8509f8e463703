package dev.stackagent.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a value against an OpenAPI v3 schema as the Kubernetes API server reads a structural
 * schema: {@code type} (an integer is not a string: {@code replicas: "two"} fails), {@code enum},
 * {@code pattern}, {@code required}, lengths and bounds, {@code items}, {@code additionalProperties},
 * {@code nullable}, and the {@code x-kubernetes-*} extensions ({@code preserve-unknown-fields},
 * {@code int-or-string}, {@code embedded-resource}). A field the schema does not know is a problem:
 * the API server would prune it silently. {@code $ref} is resolved through {@code refs} (the
 * schemas derived from the Kubernetes model use it; CRD schemas do not).
 *
 * <p>Not evaluated: {@code x-kubernetes-validations} (CEL), {@code anyOf}/{@code oneOf}/{@code allOf}
 * and {@code not} (value validations the API server runs besides), {@code format}.
 */
public final class SchemaWalker {
    private static final Set<String> EMBEDDED_FIELDS = Set.of("apiVersion", "kind", "metadata");
    private final Function<String, JsonNode> refs;
    private final List<SchemaProblem> problems = new ArrayList<>();

    private SchemaWalker(Function<String, JsonNode> refs) {
        this.refs = refs;
    }

    /** The problems of {@code value} (at {@code path}, empty for the root) against {@code schema}; empty when it matches. */
    public static List<SchemaProblem> check(JsonNode value, JsonNode schema, String path, Function<String, JsonNode> refs) {
        SchemaWalker w = new SchemaWalker(refs);
        w.walk(value, schema, path, 0);
        return List.copyOf(w.problems);
    }

    public static List<SchemaProblem> check(JsonNode value, JsonNode schema) {
        return check(value, schema, "", ref -> null);
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 20 && schema != null && schema.has("$ref"); i++) {
            schema = refs.apply(schema.get("$ref").asText());
        }
        return schema;
    }

    private void walk(JsonNode value, JsonNode rawSchema, String path, int depth) {
        JsonNode schema = resolve(rawSchema);
        if (schema == null || !schema.isObject() || depth > 100) {
            return; // no schema here: anything goes (e.g. a free-form field of the Kubernetes model)
        }
        if (value == null || value.isNull()) {
            return; // null: allowed when nullable, else the API server drops the field (a required one is then missing)
        }
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        String type = schema.path("type").asText("");
        if (intOrString) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(new SchemaProblem(path, "expected an integer or a string, got " + describe(value)));
                return;
            }
        } else if (!type.isEmpty() && !matchesType(value, type)) {
            problems.add(new SchemaProblem(path, "expected " + article(type) + ", got " + describe(value)));
            return;
        }
        checkValue(value, schema, path);
        if (value.isObject()) {
            walkObject(value, schema, path, depth);
        } else if (value.isArray()) {
            JsonNode items = schema.get("items");
            int min = schema.path("minItems").asInt(-1);
            int max = schema.path("maxItems").asInt(-1);
            if (min >= 0 && value.size() < min) problems.add(new SchemaProblem(path, "must have at least " + min + " item(s), has " + value.size()));
            if (max >= 0 && value.size() > max) problems.add(new SchemaProblem(path, "must have at most " + max + " item(s), has " + value.size()));
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), items, path + "[" + i + "]", depth + 1);
            }
        }
    }

    private void walkObject(JsonNode value, JsonNode schema, String path, int depth) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (JsonNode req : schema.path("required")) {
            JsonNode v = value.get(req.asText());
            if (v == null || (v.isNull() && !resolveNullable(properties, req.asText()))) {
                problems.add(new SchemaProblem(join(path, req.asText()), "is required"));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String child = join(path, f.getKey());
            if (embedded && EMBEDDED_FIELDS.contains(f.getKey())) {
                continue; // an embedded object's apiVersion, kind and metadata are the API server's to check
            }
            JsonNode property = properties == null ? null : properties.get(f.getKey());
            if (property != null) {
                walk(f.getValue(), property, child, depth + 1);
            } else if (additional != null && additional.isObject()) {
                walk(f.getValue(), additional, child, depth + 1);
            } else if (preserve || (additional != null && additional.asBoolean(false))) {
                continue;
            } else {
                problems.add(new SchemaProblem(child, "unknown field" + suggestion(f.getKey(), properties)
                        + " (the API server would drop it)"));
            }
        }
    }

    private boolean resolveNullable(JsonNode properties, String name) {
        JsonNode p = properties == null ? null : resolve(properties.get(name));
        return p != null && p.path("nullable").asBoolean(false);
    }

    private void checkValue(JsonNode value, JsonNode schema, String path) {
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && allowed.size() > 0) {
            boolean found = false;
            for (JsonNode a : allowed) {
                found |= a.equals(value) || (a.isNumber() && value.isNumber() && a.decimalValue().compareTo(value.decimalValue()) == 0);
            }
            if (!found) {
                List<String> names = new ArrayList<>();
                allowed.forEach(a -> names.add(a.isTextual() ? a.asText() : a.toString()));
                problems.add(new SchemaProblem(path, shown(value) + " is not one of " + names));
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("pattern")) {
                try {
                    if (!Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                        problems.add(new SchemaProblem(path, shown(value) + " does not match the pattern " + schema.get("pattern").asText()));
                    }
                } catch (PatternSyntaxException e) {
                    // an ECMA-262 pattern Java cannot read: not checked
                }
            }
            int length = s.codePointCount(0, s.length());
            int min = schema.path("minLength").asInt(-1);
            int max = schema.path("maxLength").asInt(-1);
            if (min >= 0 && length < min) problems.add(new SchemaProblem(path, "must be at least " + min + " character(s) long"));
            if (max >= 0 && length > max) problems.add(new SchemaProblem(path, "must be at most " + max + " character(s) long, is " + length));
        }
        if (value.isNumber()) {
            JsonNode min = schema.get("minimum");
            JsonNode max = schema.get("maximum");
            if (min != null && min.isNumber()) {
                int c = value.decimalValue().compareTo(min.decimalValue());
                if (c < 0 || (c == 0 && schema.path("exclusiveMinimum").asBoolean(false))) {
                    problems.add(new SchemaProblem(path, value + " is below the minimum " + min));
                }
            }
            if (max != null && max.isNumber()) {
                int c = value.decimalValue().compareTo(max.decimalValue());
                if (c > 0 || (c == 0 && schema.path("exclusiveMaximum").asBoolean(false))) {
                    problems.add(new SchemaProblem(path, value + " is above the maximum " + max));
                }
            }
        }
        if (value.isObject()) {
            int min = schema.path("minProperties").asInt(-1);
            int max = schema.path("maxProperties").asInt(-1);
            if (min >= 0 && value.size() < min) problems.add(new SchemaProblem(path, "must have at least " + min + " field(s)"));
            if (max >= 0 && value.size() > max) problems.add(new SchemaProblem(path, "must have at most " + max + " field(s)"));
        }
    }

    static boolean matchesType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping (key: value)";
            case "array" -> "a list";
            case "integer" -> "an integer";
            default -> "a " + type;
        };
    }

    static String describe(JsonNode value) {
        if (value.isObject()) return "a mapping";
        if (value.isArray()) return "a list";
        if (value.isTextual()) return "the string " + shown(value);
        if (value.isBoolean()) return "the boolean " + value.asText();
        if (value.isNumber()) return "the number " + value.asText();
        return value.getNodeType().toString().toLowerCase();
    }

    private static String shown(JsonNode value) {
        String s = value.isTextual() ? value.asText() : value.toString();
        return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** " (did you mean 'policyTypes'?)" when a known field is one edit or a plural away. */
    private static String suggestion(String field, JsonNode properties) {
        if (properties == null) return "";
        Set<String> close = new TreeSet<>();
        properties.fieldNames().forEachRemaining(known -> {
            if (distance(field.toLowerCase(), known.toLowerCase()) <= Math.max(1, Math.min(2, field.length() / 5))) close.add(known);
        });
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?)";
    }

    /** Edits (insert, delete, replace, swap of two neighbours) from {@code a} to {@code b}. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
