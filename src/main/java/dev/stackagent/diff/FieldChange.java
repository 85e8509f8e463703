package dev.stackagent.diff;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One field that differs between desired and live. {@code path} is a JSON Pointer-like path
 * ({@code /spec/replicas}); a null {@code from} means "absent live", a null {@code to} means
 * "removed from Git". Values of Secret data are replaced by a redaction marker before they get here.
 */
@RegisterForReflection
public record FieldChange(String path, JsonNode from, JsonNode to) {

    @Override
    public String toString() {
        return path + ": " + (from == null ? "<absent>" : from.toString()) + " -> " + (to == null ? "<removed>" : to.toString());
    }
}
