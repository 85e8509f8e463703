package dev.stackagent.triggers;

import java.util.Locale;
import java.util.Objects;

/**
 * A repository name reduced to host and path, so the many spellings of one repository compare
 * equal: {@code https://github.com/acme/stacks.git}, {@code git@github.com:acme/stacks},
 * {@code ssh://git@github.com:22/acme/stacks}, and (without host) {@code acme/stacks}.
 */
public record RepositoryId(String host, String path) {

    /** Parses a URL or {@code owner/name}; host is null when the text names no host. */
    public static RepositoryId parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        boolean hasHost = false;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
            hasHost = true;
        } else {
            int colon = s.indexOf(':');
            int slash = s.indexOf('/');
            if (colon > 0 && (slash < 0 || colon < slash)) {
                s = s.substring(0, colon) + "/" + s.substring(colon + 1); // scp-like git@host:owner/repo
                hasHost = true;
            }
        }
        int firstSlash = s.indexOf('/');
        String first = firstSlash < 0 ? s : s.substring(0, firstSlash);
        if (!hasHost && first.contains(".")) hasHost = true; // github.com/acme/stacks
        String host = null;
        if (hasHost) {
            host = first.substring(first.lastIndexOf('@') + 1);
            int port = host.indexOf(':');
            if (port >= 0) host = host.substring(0, port);
            s = firstSlash < 0 ? "" : s.substring(firstSlash + 1);
        }
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        if (s.endsWith(".git")) s = s.substring(0, s.length() - 4);
        while (s.startsWith("/")) s = s.substring(1);
        return new RepositoryId(host, s);
    }

    /** Same path, and same host when both name one. */
    public boolean matches(RepositoryId other) {
        return !path.isEmpty() && path.equals(other.path)
                && (host == null || other.host == null || Objects.equals(host, other.host));
    }
}
