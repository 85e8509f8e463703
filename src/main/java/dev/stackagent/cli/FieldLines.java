package dev.stackagent.cli;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.diff.FieldChange;

/**
 * One field of a plan as a line, in the spirit of {@code kubectl diff} and a Terraform plan:
 * {@code + spec.replicas: 2} (added), {@code ~ spec.replicas: 1 -> 2} (changed),
 * {@code - spec.paused: true} (removed). Paths read as YAML does: {@code spec.containers[0].image}.
 */
final class FieldLines {
    private FieldLines() {
    }

    static String line(FieldChange c) {
        String path = path(c.path());
        if (c.from() == null) return "+ " + path + ": " + value(c.to());
        if (c.to() == null) return "- " + path + ": " + value(c.from());
        return "~ " + path + ": " + value(c.from()) + " -> " + value(c.to());
    }

    /** {@code /spec/containers/0/image} as {@code spec.containers[0].image}; a key with a dot or slash stays readable. */
    static String path(String pointer) {
        if (pointer.isEmpty()) return "(object)";
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            if (seg.matches("\\d+")) {
                out.append('[').append(seg).append(']');
            } else {
                if (out.length() > 0) out.append('.');
                out.append(seg);
            }
        }
        return out.toString();
    }

    private static String value(JsonNode v) {
        return v == null ? "" : v.toString();
    }
}
