package dev.stackagent.desired;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Finds the line of a field in a YAML document by its path ({@code nodePools[0].autoscaling.minNodeCount}),
 * so checks made after parsing can still point at a line.
 *
 * <p>The document is parsed once into an index of every path's line, kept for the last document
 * asked about: a stack with many errors does not re-parse its {@code stack.yaml} once per error
 * (parsing a large file costs seconds, see {@link Yaml}).
 */
final class YamlLines {
    private static volatile Index last = new Index(new WeakReference<>(null), Map.of());

    private YamlLines() {
    }

    private record Index(WeakReference<byte[]> yaml, Map<String, Integer> lines) {
    }

    /** The 1-based line of the field, or of the nearest enclosing one that exists; 0 when unknown. */
    static int lineOf(byte[] yaml, String path) {
        if (yaml == null || path == null || path.isEmpty()) {
            return 0;
        }
        Map<String, Integer> lines = index(yaml);
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    /** {@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}, {@code a} → empty. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static Map<String, Integer> index(byte[] yaml) {
        Index cached = last;
        if (cached.yaml().get() == yaml) {
            return cached.lines();
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = Yaml.parser(yaml)) {
            if (p.nextToken() != null) {
                dev.stackagent.yaml.YamlPaths.walk(p, "", lines);
            }
        } catch (IOException | RuntimeException e) {
            // what was read before the error is still useful
        }
        Map<String, Integer> result = Map.copyOf(lines);
        last = new Index(new WeakReference<>(yaml), result);
        return result;
    }
}
