package dev.stackagent.desired;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Durations as people write them in Kubernetes YAML: {@code 90s}, {@code 20m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses {@code 1h30m} style text, or ISO-8601 ({@code PT20M}). */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 90s, 20m, 1h30m)");
        }
        return total;
    }

    /** Formats as {@code 1h30m}, {@code 20m}, {@code 45s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) sb.append(h).append('h');
        if (m > 0) sb.append(m).append('m');
        if (s > 0) sb.append(s).append('s');
        if (ms > 0) sb.append(ms).append("ms");
        return sb.toString();
    }

    public static final class Deserializer extends StdDeserializer<Duration> {
        public Deserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse(text);
            } catch (RuntimeException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
