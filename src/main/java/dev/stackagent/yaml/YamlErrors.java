package dev.stackagent.yaml;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern SNAKE_DUPLICATE = Pattern.compile("found duplicate key (\\S+)");

    /**
     * A parser error in plain words, without the parser's own text (its "in 'reader', line 3,
     * column 9" and excerpt): {@code not valid YAML: a ':' where none may be (quote a value that
     * contains ': ')}. The line is {@link #problemLine(JsonProcessingException)}.
     */
    public static String plain(JsonProcessingException e) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem = raw;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            problem = marked.getProblem();
        }
        problem = problem.lines().findFirst().orElse("").trim();
        java.util.regex.Matcher dup = DUPLICATE.matcher(raw);
        java.util.regex.Matcher snakeDup = SNAKE_DUPLICATE.matcher(problem);
        String words;
        if (dup.find()) {
            words = "key '" + dup.group(1) + "' appears twice in the same mapping (YAML allows each key once; the second would silently win)";
        } else if (snakeDup.find()) {
            words = "key '" + snakeDup.group(1) + "' appears twice in the same mapping (YAML allows each key once)";
        } else if (problem.startsWith("mapping values are not allowed")) {
            words = "a ':' where no mapping may start: a value holding ': ' must be quoted, or the line is indented wrongly";
        } else if (problem.startsWith("could not find expected ':'")) {
            words = "a line without ':' inside a mapping: every entry needs 'key: value' (or the indentation is off)";
        } else if (problem.contains("cannot start any token") && problem.contains("(TAB)")) {
            words = "a tab character: YAML indents with spaces only";
        } else if (problem.contains("cannot start any token")) {
            words = "a character that cannot start a value here (" + problem.replaceAll(".*found character ", "") + "): quote the value";
        } else if (problem.startsWith("did not find expected key") || problem.startsWith("expected <block end>")) {
            words = "the indentation does not match the lines above (a key or list entry is indented too much or too little)";
        } else if (problem.startsWith("did not find expected '-' indicator")) {
            words = "a list entry without '-' where the list's other entries have one (check the indentation)";
        } else if (problem.startsWith("found unexpected end of stream") || problem.contains("while scanning a quoted scalar")) {
            words = "a quoted value is not closed (a missing \" or ')";
        } else if (problem.matches("(did not find )?expected ',' or '[]}]'.*")) {
            words = "a [list] or {mapping} written on one line is not closed";
        } else if (problem.startsWith("found undefined alias") || problem.contains("alias")) {
            words = problem;
        } else if (problem.isEmpty()) {
            words = "the parser stopped here";
        } else {
            words = problem;
        }
        return "not valid YAML: " + words;
    }

    /** The 1-based line of a parser error: where the parser found the problem; 0 when unknown. */
    public static int problemLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        return line(e.getLocation());
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
