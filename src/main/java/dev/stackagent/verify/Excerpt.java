package dev.stackagent.verify;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only form in which what a model server answered reaches a status, an event or a log: one
 * short line. Terminal escape sequences are dropped, control characters and line breaks become
 * spaces (runs collapsed), other non-printable characters (format, private-use, unassigned, lone
 * surrogates) are removed, anything that looks like a credential is replaced by
 * {@value #REDACTED}, and the result is cut to {@value #MAX} characters, ending in "…" when cut.
 * <p>
 * Credentials: {@code Bearer <token>}, {@code sk-…} keys, JWTs, {@code password=…}-style pairs, and
 * base64 or hex runs longer than 32 characters. Redaction runs before the cut, so a token that
 * straddles the cut is never half-shown. Only a bounded prefix of the input is ever examined: a
 * 1 GB answer costs no more than a short one.
 */
public final class Excerpt {
    /** The longest excerpt, "…" included. */
    public static final int MAX = 120;
    /** The longest check message, the agent's own words around an excerpt included. */
    public static final int MESSAGE_MAX = 400;
    public static final String REDACTED = "(redacted)";
    static final String ELLIPSIS = "…";

    /** What a secret's characters can be (base64, base64url, hex). */
    private static final Pattern SECRET_TAIL = Pattern.compile("[A-Za-z0-9+/=_-]+$");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}(?:\\.[A-Za-z0-9_-]*)?");
    private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{6,}");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|secret|password|passwd|token)"
                    + "(\"?'?\\s*[:=]\\s*\"?'?)(?!\\(redacted\\))[^\\s\"',;}&]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{33,}={0,2}");
    /** base64url runs: redacted when a part between '-'/'_' is long (identifiers have short words). */
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{33,}");
    private static final Pattern LONG_PART = Pattern.compile("[A-Za-z0-9]{16,}");

    private static final List<Function<String, String>> REDACTIONS = List.of(
            s -> BEARER.matcher(s).replaceAll("$1 " + REDACTED),
            s -> JWT.matcher(s).replaceAll(REDACTED),
            s -> SK_KEY.matcher(s).replaceAll(REDACTED),
            s -> KEY_VALUE.matcher(s).replaceAll("$1$2" + REDACTED),
            s -> BASE64.matcher(s).replaceAll(REDACTED),
            Excerpt::redactBase64Url);

    private Excerpt() {
    }

    /** {@code text} as a short, safe, one-line excerpt of at most {@value #MAX} characters ("" for null). */
    public static String of(String text) {
        return of(text, MAX);
    }

    /** The same with another bound, for messages of the agent's own that quote an excerpt. */
    public static String of(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int limit = Math.max(2, max);
        // examine a bounded prefix: enough that any secret starting inside the excerpt is seen whole
        int window = limit * 4;
        StringBuilder clean = new StringBuilder(Math.min(text.length(), window + 2));
        boolean truncated = clean(text, clean, window);
        String line = clean.toString().strip();
        if (truncated) {
            // the window may end inside a secret: drop that partial run rather than show its start
            Matcher tail = SECRET_TAIL.matcher(line);
            if (tail.find()) {
                line = tail.start() == 0 ? REDACTED : line.substring(0, tail.start()).strip();
            }
        }
        for (Function<String, String> redaction : REDACTIONS) {
            line = redaction.apply(line);
        }
        if (!truncated && line.length() <= limit) {
            return line;
        }
        int cut = Math.min(line.length(), limit - ELLIPSIS.length());
        if (cut < line.length() && cut > 0 && Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /**
     * Appends the printable form of {@code text} to {@code out} until it holds {@code window}
     * characters; true when input was left over.
     */
    private static boolean clean(String text, StringBuilder out, int window) {
        int i = 0;
        int n = text.length();
        boolean space = true; // no leading space
        while (i < n) {
            if (out.length() >= window) {
                return true;
            }
            int cp = text.codePointAt(i);
            if (cp == 0x1B) { // ESC: skip the whole terminal escape sequence
                i = skipEscape(text, i + 1);
                continue;
            }
            if (cp == 0x9B) { // C1 CSI
                i = skipCsi(text, i + 1);
                continue;
            }
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.SURROGATE) {
                continue;
            }
            out.appendCodePoint(cp);
            space = false;
        }
        return false;
    }

    /** Index after an escape sequence whose ESC is just before {@code i}: CSI, OSC/DCS strings, or ESC + one character. */
    private static int skipEscape(String text, int i) {
        if (i >= text.length()) {
            return i;
        }
        char c = text.charAt(i);
        if (c == '[') {
            return skipCsi(text, i + 1);
        }
        if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') { // string until BEL or ESC \
            int j = i + 1;
            while (j < text.length()) {
                char d = text.charAt(j);
                if (d == 0x07) {
                    return j + 1;
                }
                if (d == 0x1B) {
                    return j + 1 < text.length() && text.charAt(j + 1) == '\\' ? j + 2 : j + 1;
                }
                j++;
            }
            return j;
        }
        return i + 1;
    }

    /** Index after a CSI sequence's parameters, intermediates and final byte starting at {@code i}. */
    private static int skipCsi(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x3F) {
            j++;
        }
        return j < text.length() && text.charAt(j) >= 0x40 && text.charAt(j) <= 0x7E ? j + 1 : j;
    }

    private static String redactBase64Url(String s) {
        Matcher m = BASE64URL.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(LONG_PART.matcher(m.group()).find() ? REDACTED : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
