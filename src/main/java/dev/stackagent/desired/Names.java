package dev.stackagent.desired;

import java.util.regex.Pattern;

/** Kubernetes name rules (DNS-1123). */
final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private Names() {
    }

    static boolean isLabel(String s) {
        return s != null && LABEL.matcher(s).matches();
    }

    static boolean isSubdomain(String s) {
        return s != null && SUBDOMAIN.matcher(s).matches();
    }
}
