package dev.stackagent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The structural-schema semantics of the schema check, as a table: schema, value, expected problems (path: message). */
class SchemaWalkerTest {
    static final ObjectMapper YAML = new YAMLMapper();

    record Case(String name, String schema, String value, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, String schema, String value) {
        return new Case(name, schema, value, List.of());
    }

    static Case bad(String name, String schema, String value, String... problems) {
        return new Case(name, schema, value, List.of(problems));
    }

    static final String REPLICAS = "{type: object, properties: {replicas: {type: integer, format: int32}}}";

    static Stream<Case> schemaCases() {
        return Stream.of(
                ok("integer accepted", REPLICAS, "{replicas: 2}"),
                bad("a string is not an integer", REPLICAS, "{replicas: two}", "replicas: expected an integer, got the string 'two'"),
                bad("a quoted number is a string", REPLICAS, "{replicas: \"2\"}", "replicas: expected an integer, got the string '2'"),
                bad("a fraction is not an integer", REPLICAS, "{replicas: 1.5}", "replicas: expected an integer, got the number 1.5"),
                bad("unknown field is pruned", REPLICAS, "{replica: 2}",
                        "replica: unknown field (did you mean 'replicas'?) (the API server would drop it)"),
                ok("preserve-unknown-fields keeps them", "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}",
                        "{a: x, anything: {goes: 1}}"),
                bad("preserve-unknown-fields still checks known ones", "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}",
                        "{a: 1}", "a: expected a string, got the number 1"),
                ok("additionalProperties schema for a map", "{type: object, additionalProperties: {type: string}}", "{x: a, y: b}"),
                bad("additionalProperties checks each value", "{type: object, additionalProperties: {type: string}}", "{x: a, y: 2}",
                        "y: expected a string, got the number 2"),
                ok("additionalProperties true", "{type: object, additionalProperties: true}", "{x: {y: 1}}"),
                bad("an object without properties keeps nothing", "{type: object}", "{x: 1}", "x: unknown field (the API server would drop it)"),
                ok("int-or-string takes an integer", "{x-kubernetes-int-or-string: true}", "8080"),
                ok("int-or-string takes a string", "{x-kubernetes-int-or-string: true}", "http"),
                bad("int-or-string refuses a list", "{x-kubernetes-int-or-string: true}", "[1]", ": expected an integer or a string, got a list"),
                bad("enum", "{type: string, enum: [Ingress, Egress]}", "Egres", ": 'Egres' is not one of [Ingress, Egress]"),
                bad("pattern", "{type: string, pattern: '^[a-z]+$'}", "Abc", ": 'Abc' does not match the pattern ^[a-z]+$"),
                bad("required", "{type: object, required: [name], properties: {name: {type: string}, x: {type: string}}}", "{x: a}",
                        "name: is required"),
                bad("null for a required field that is not nullable", "{type: object, required: [name], properties: {name: {type: string}}}",
                        "{name: null}", "name: is required"),
                ok("null for a nullable field", "{type: object, required: [name], properties: {name: {type: string, nullable: true}}}",
                        "{name: null}"),
                ok("null for an optional field is dropped", REPLICAS, "{replicas: null}"),
                bad("items of a list", "{type: array, items: {type: object, properties: {port: {type: integer}}}}", "[{port: 80}, {port: x}, {prot: 1}]",
                        "[1].port: expected an integer, got the string 'x'",
                        "[2].prot: unknown field (did you mean 'port'?) (the API server would drop it)"),
                bad("bounds", "{type: object, properties: {n: {type: integer, minimum: 0, maximum: 3}, s: {type: string, maxLength: 3}}}",
                        "{n: 4, s: abcd}", "n: 4 is above the maximum 3", "s: must be at most 3 character(s) long, is 4"),
                bad("list length", "{type: array, maxItems: 1, items: {type: string}}", "[a, b]", ": must have at most 1 item(s), has 2"),
                ok("embedded resource allows apiVersion, kind, metadata",
                        "{type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object, properties: {a: {type: string}}}}}",
                        "{apiVersion: v1, kind: Pod, metadata: {name: x}, spec: {a: b}}"),
                bad("embedded resource checks its other fields",
                        "{type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}",
                        "{apiVersion: v1, kind: Pod, spek: {}}", "spek: unknown field (did you mean 'spec'?) (the API server would drop it)"),
                bad("a mapping where a list belongs", "{type: object, properties: {policyTypes: {type: array, items: {type: string}}}}",
                        "{policyTypes: Egress}", "policyTypes: expected a list, got the string 'Egress'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaCases")
    void schemaWalkerReportsWhatTheApiServerWouldRefuseOrDrop(Case c) throws Exception {
        JsonNode schema = YAML.readTree(c.schema());
        JsonNode value = YAML.readTree(c.value());

        List<String> problems = SchemaWalker.check(value, schema).stream().map(p -> p.path() + ": " + p.message()).toList();

        assertThat(problems).containsExactlyElementsOf(c.problems());
    }
}
