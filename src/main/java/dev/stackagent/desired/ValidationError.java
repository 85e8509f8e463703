package dev.stackagent.desired;

/**
 * One problem in a config repo. {@code file} is relative to the repo root; {@code line} is 0 when
 * unknown; {@code object} names the Kubernetes object or stack section; {@code field} is a path.
 */
public record ValidationError(String file, int line, String object, String field, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (object != null && !object.isEmpty()) sb.append(object).append(": ");
        if (field != null && !field.isEmpty()) sb.append("field ").append(field).append(": ");
        sb.append(message);
        return sb.toString();
    }
}
