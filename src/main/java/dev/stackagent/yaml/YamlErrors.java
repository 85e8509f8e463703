package dev.stackagent.yaml;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Where a Jackson YAML error is, in the words a user of the file understands: its line and the
 * field's path ({@code nodePools[0].autoscaling.minNodeCount}). Shared by every strict YAML reader
 * ({@code stack.yaml}, manifests, the agent's policy).
 */
public final class YamlErrors {
    private YamlErrors() {
    }

    /** The 1-based line of {@code location}, 0 when unknown. */
    public static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /**
     * The line of an unknown field. Jackson reports where the YAML parser stopped, which is past the
     * field (often the next line). The parser sits on the field's value; the key is on that line or,
     * for a block value, on the nearest line above that starts with the key.
     */
    public static int unknownFieldLine(UnrecognizedPropertyException e, byte[] content) {
        int line = e.getProcessor() instanceof JsonParser parser ? line(parser.currentTokenLocation()) : line(e.getLocation());
        if (line <= 0 || e.getPropertyName() == null) {
            return line;
        }
        Pattern key = Pattern.compile("^\\s*(-\\s+)?[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:");
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = Math.min(line, lines.length); i >= 1; i--) {
            if (key.matcher(lines[i - 1]).find()) {
                return i;
            }
        }
        return line;
    }

    /** The path of the field the error is about, e.g. {@code nodePools[0].autoscaling.minNodeCount}; empty at the top. */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
