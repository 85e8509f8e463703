package dev.stackagent.yaml;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line of every field of every document of a YAML file, by the document's first line and the
 * field's path ({@code spec.template.containers[0].image}): checks made on a parsed object
 * (schemas) can still point at the line of the field they are about.
 */
public final class YamlPaths {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(options()).build();

    private YamlPaths() {
    }

    /**
     * Document start line (the line of its first key, as {@code ManifestReader} records it) to the
     * lines of its paths. What was read before a syntax error is still returned.
     */
    public static Map<Integer, Map<String, Integer>> documents(byte[] content) {
        Map<Integer, Map<String, Integer>> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(content)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    Map<String, Integer> lines = new HashMap<>();
                    out.put(p.currentTokenLocation().getLineNr(), lines);
                    walk(p, "", lines);
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep what was read
        }
        return out;
    }

    /** The line of {@code path}, or of the nearest enclosing field that has one; {@code fallback} when none. */
    public static int lineOf(Map<String, Integer> lines, String path, int fallback) {
        for (String p = path; p != null && !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return fallback;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Records the line of every field and list entry under the parser's current token, by field path ({@code a.b[0].c}). */
    public static void walk(JsonParser p, String here, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = here.isEmpty() ? p.currentName() : here + "." + p.currentName();
                lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, child, lines);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = here + "[" + i++ + "]";
                lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
                walk(p, child, lines);
            }
        }
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(16 * 1024 * 1024);
        return o;
    }
}
