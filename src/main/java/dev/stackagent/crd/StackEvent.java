package dev.stackagent.crd;

import java.nio.charset.StandardCharsets;

/**
 * One Event about a Stack: {@code Normal} or {@code Warning}, a reason (CamelCase, the same word as
 * the Ready condition's reason and the failure metric's label where there is one) and a message of
 * at most {@link #MAX_MESSAGE_BYTES} bytes. Messages name objects, fields, files and lines, never a
 * field's value.
 */
public record StackEvent(String type, String reason, String message) {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    /** The API server accepts larger messages; kubectl describe does not need them. */
    public static final int MAX_MESSAGE_BYTES = 1024;

    public StackEvent {
        message = bounded(message == null ? "" : message);
    }

    static StackEvent normal(String reason, String message) {
        return new StackEvent(NORMAL, reason, message);
    }

    static StackEvent warning(String reason, String message) {
        return new StackEvent(WARNING, reason, message);
    }

    /** {@code s} cut to at most {@link #MAX_MESSAGE_BYTES} UTF-8 bytes, ending in "…" when cut. */
    static String bounded(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
            return s;
        }
        String ellipsis = "…";
        int budget = MAX_MESSAGE_BYTES - ellipsis.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > budget) {
                break;
            }
            b.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return b.append(ellipsis).toString();
    }
}
