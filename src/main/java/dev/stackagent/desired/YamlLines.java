package dev.stackagent.desired;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds the line of a field in a YAML document by its path ({@code nodePools[0].autoscaling.minNodeCount}),
 * so checks made after parsing can still point at a line.
 */
final class YamlLines {
    private YamlLines() {
    }

    /** The 1-based line of the field, or of the nearest enclosing one that exists; 0 when unknown. */
    static int lineOf(byte[] yaml, String path) {
        if (yaml == null || path == null || path.isEmpty()) {
            return 0;
        }
        int[] best = {0};
        try (JsonParser p = Yaml.STRICT.getFactory().createParser(yaml)) {
            if (p.nextToken() == null) {
                return 0;
            }
            int found = walk(p, "", path, best);
            return found > 0 ? found : best[0];
        } catch (IOException | RuntimeException e) {
            return best[0];
        }
    }

    /** Walks the value at the parser's current token; returns the line of {@code target} when found under it. */
    private static int walk(JsonParser p, String here, String target, int[] best) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = here.isEmpty() ? p.currentName() : here + "." + p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                p.nextToken();
                int found = visit(p, child, line, target, best);
                if (found > 0) return found;
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int found = visit(p, here + "[" + i++ + "]", p.currentTokenLocation().getLineNr(), target, best);
                if (found > 0) return found;
            }
        }
        return 0;
    }

    private static int visit(JsonParser p, String child, int line, String target, int[] best) throws IOException {
        if (target.equals(child)) {
            return line;
        }
        if (target.startsWith(child + ".") || target.startsWith(child + "[")) {
            best[0] = line;
            return walk(p, child, target, best);
        }
        p.skipChildren();
        return 0;
    }
}
