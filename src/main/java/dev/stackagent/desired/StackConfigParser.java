package dev.stackagent.desired;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.stackagent.yaml.YamlErrors;

/** Reads {@code stack.yaml} into a {@link StackConfig}; every problem becomes a {@link ValidationError}. */
final class StackConfigParser {
    private StackConfigParser() {
    }

    /**
     * The parsed config, or null with errors added to {@code errors}. Every problem is reported, not
     * only the first: the file is read as a tree, and each part the parser refuses is reported and
     * taken out before the next attempt. The config returned then lacks those parts; {@code
     * problems} receives their paths (so that checks after parsing do not report them again).
     */
    static StackConfig parse(String file, String stackName, byte[] content, List<ValidationError> errors, List<String> problems) {
        String label = "stack " + stackName;
        JsonNode tree;
        try (JsonParser parser = Yaml.parser(content)) {
            tree = Yaml.STRICT.readTree(parser);
        } catch (JsonProcessingException e) {
            errors.add(new ValidationError(file, YamlErrors.problemLine(e), label, "", YamlErrors.plain(e)));
            return null;
        } catch (IOException e) {
            errors.add(new ValidationError(file, 0, label, "", "cannot read: " + e.getMessage()));
            return null;
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            errors.add(new ValidationError(file, 0, label, "", "stack.yaml is empty"));
            return null;
        }
        if (!tree.isObject()) {
            errors.add(new ValidationError(file, 1, label, "", "stack.yaml must be a mapping (key: value), not a " + tree.getNodeType().toString().toLowerCase()));
            return null;
        }
        JsonNode work = tree.deepCopy();
        Map<String, List<Integer>> removed = new HashMap<>();
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                return Yaml.STRICT.treeToValue(work, StackConfig.class);
            } catch (JsonMappingException e) {
                String path = originalPath(e.getPath(), removed);
                int line = YamlLines.lineOf(content, path);
                errors.add(new ValidationError(file, line > 0 ? line : firstLine(content), label, path, message(e)));
                problems.add(path);
                if (!remove(work, e.getPath(), removed, path)) {
                    return null;
                }
            } catch (JsonProcessingException e) {
                errors.add(new ValidationError(file, 0, label, "", YamlErrors.plain(e)));
                return null;
            }
        }
        return null;
    }

    /** The first line holding something else than a comment: where an error of the whole document is shown. */
    private static int firstLine(byte[] content) {
        String[] lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].trim();
            if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---")) return i + 1;
        }
        return 1;
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (allowed here: " + known + ")");
        }
        if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        if (e instanceof ValueInstantiationException) {
            return e.getCause() instanceof NullPointerException ? "a list has an empty entry (a '-' with nothing after it)" : cleanMessage(e);
        }
        return cleanMessage(e);
    }

    /** Takes the refused part out of the tree; false when there is nothing to take out (the whole file is refused). */
    private static boolean remove(JsonNode root, List<JsonMappingException.Reference> refs, Map<String, List<Integer>> removed, String path) {
        if (refs.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (int i = 0; i < refs.size() - 1 && parent != null; i++) {
            JsonMappingException.Reference r = refs.get(i);
            parent = r.getFieldName() != null ? parent.get(r.getFieldName()) : parent.get(r.getIndex());
        }
        JsonMappingException.Reference last = refs.get(refs.size() - 1);
        if (parent instanceof ObjectNode o && last.getFieldName() != null && o.has(last.getFieldName())) {
            o.remove(last.getFieldName());
            return true;
        }
        if (parent instanceof ArrayNode a && last.getFieldName() == null && last.getIndex() >= 0 && last.getIndex() < a.size()) {
            a.remove(last.getIndex());
            String arrayPath = path.substring(0, path.lastIndexOf('['));
            removed.computeIfAbsent(arrayPath, k -> new ArrayList<>()).add(Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1)));
            return true;
        }
        return false;
    }

    /** The path as the file has it: list entries taken out before shift the indexes of the later ones. */
    private static String originalPath(List<JsonMappingException.Reference> refs, Map<String, List<Integer>> removed) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                int index = ref.getIndex();
                for (int r : removed.getOrDefault(sb.toString(), List.of()).stream().sorted().toList()) {
                    if (r <= index) index++;
                }
                sb.append('[').append(index).append(']');
            }
        }
        return sb.toString();
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
        String shown = value == null ? "" : "'" + value + "' ";
        if (type == LocalTime.class) return shown + "is not a time of day (expected HH:MM, for example \"07:00\")";
        if (type == LocalDate.class) return shown + "is not a date (expected YYYY-MM-DD)";
        if (type == OffsetDateTime.class) return shown + "is not a date-time with offset (for example 2026-11-28T02:00+01:00)";
        if (type == Duration.class && value == null) return "expected a duration such as 30s or 20m, not a list or mapping";
        if (type == java.util.Set.class && value == null) return "expected days (Mon-Fri, weekdays, or a list of them)";
        if (type == Duration.class || type == java.util.Set.class) {
            String m = e.getOriginalMessage();
            int at = m.indexOf("\": ");
            return at > 0 ? m.substring(at + 3) : cleanMessage(e);
        }
        if (type == Integer.class || type == int.class) return shown + "is not a whole number";
        if (type == Boolean.class || type == boolean.class) return shown + "is not true or false";
        if (type == String.class) return "expected a text value";
        if (type != null && type.isEnum()) {
            return shown + "is not one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type != null && java.util.List.class.isAssignableFrom(type)) return "expected a list";
        if (type != null && type.isRecord()) return "expected a mapping (key: value)";
        return cleanMessage(e);
    }

    private static String cleanMessage(JsonMappingException e) {
        String msg = e.getOriginalMessage();
        // Jackson names Java types; users know YAML. Keep the first sentence and drop class names.
        int cut = msg.indexOf("\n");
        if (cut > 0) msg = msg.substring(0, cut);
        msg = msg.replaceAll("`(?:[a-zA-Z0-9_]+[.$])*([A-Za-z0-9_]+)`", "$1")
                .replaceAll("\\(class [^)]*\\)", "")
                .replace("java.lang.", "")
                .replace("java.time.", "");
        return msg.trim();
    }
}
