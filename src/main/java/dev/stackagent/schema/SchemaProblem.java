package dev.stackagent.schema;

/** One place where an object does not match its schema: the field's path ({@code spec.template.containers[0].image}) and what is wrong. */
public record SchemaProblem(String path, String message) {
}
