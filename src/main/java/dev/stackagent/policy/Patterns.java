package dev.stackagent.policy;

import java.util.List;

/** Shell-style name patterns of the policy: {@code *} any run of characters, {@code ?} one; otherwise exact. */
public final class Patterns {
    private Patterns() {
    }

    public static boolean matches(String pattern, String value) {
        if (pattern == null || value == null) return false;
        return match(pattern, 0, value, 0);
    }

    public static boolean anyMatches(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> matches(p, value));
    }

    /** The first pattern of {@code patterns} that matches, or null. */
    public static String firstMatch(List<String> patterns, String value) {
        return patterns.stream().filter(p -> matches(p, value)).findFirst().orElse(null);
    }

    private static boolean match(String p, int pi, String v, int vi) {
        // iterative with one backtrack point: linear for the patterns a policy holds
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }
}
