package dev.stackagent.desired;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/** A small in-memory config repo: repo-relative paths to file contents. */
final class Repo {
    private final SortedMap<String, byte[]> files = new TreeMap<>();

    static Repo of() {
        return new Repo();
    }

    Repo file(String path, String text) {
        if (text == null) {
            files.remove(path);
        } else {
            files.put(path, text.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    SortedMap<String, byte[]> files() {
        return new TreeMap<>(files);
    }

    DesiredState load() {
        return StackLoader.load("rev-1", files());
    }

    /** 1-based number of the first line of {@code text} containing {@code marker}. */
    static int lineOf(String text, String marker) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) return i + 1;
        }
        throw new IllegalArgumentException("no line contains '" + marker + "'");
    }

    /** {@code text} with {@code from} replaced once; fails loudly if {@code from} is not there. */
    static String replace(String text, String from, String to) {
        if (!text.contains(from)) throw new IllegalArgumentException("fixture does not contain '" + from + "'");
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }
}
