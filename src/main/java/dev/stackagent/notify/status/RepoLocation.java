package dev.stackagent.notify.status;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where commit statuses go: the provider, its API base URL and the repository's path on it, derived
 * from the Git URL ({@code https://host/owner/repo.git}, {@code ssh://git@host[:port]/owner/repo.git},
 * {@code git@host:owner/repo.git}) or given explicitly. The provider is guessed from the host
 * ({@code github.com} or a host naming github, gitlab, gitea, forgejo or codeberg); anything else needs
 * {@code stack-agent.notifications.commit-status.provider}.
 */
public record RepoLocation(Provider provider, String apiBase, String repository) {
    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$");

    /**
     * The location for {@code gitUrl}, with the explicit settings (each may be empty) winning.
     * Throws {@link IllegalArgumentException} naming what is missing.
     */
    public static RepoLocation of(Optional<String> gitUrl, Optional<String> provider, Optional<String> baseUrl, Optional<String> repository) {
        String scheme = "https";
        String host = null;
        String path = null;
        if (gitUrl.isPresent() && !gitUrl.get().isBlank()) {
            String url = gitUrl.get().trim();
            Matcher scp = SCP.matcher(url);
            if (!url.contains("://") && scp.matches()) {
                host = scp.group(1);
                path = scp.group(2);
            } else {
                URI u = URI.create(url);
                host = u.getHost();
                path = u.getPath();
                if ("http".equals(u.getScheme())) {
                    scheme = "http";
                }
                if (u.getPort() > 0 && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                    host = host + ":" + u.getPort();
                }
            }
            path = trimPath(path);
        }
        String gitHost = host;
        Provider p = provider.filter(s -> !s.isBlank()).map(s -> Provider.named(s)
                .orElseThrow(() -> new IllegalArgumentException("stack-agent.notifications.commit-status.provider: unknown provider " + s
                        + " (github, gitlab, gitea or forgejo)")))
                .or(() -> guess(hostOf(baseUrl).orElse(null))).or(() -> guess(gitHost))
                .orElseThrow(() -> new IllegalArgumentException("cannot tell the Git provider from the repository URL; set "
                        + "stack-agent.notifications.commit-status.provider (github, gitlab or gitea)"));
        String repo = repository.filter(s -> !s.isBlank()).map(RepoLocation::trimPath).orElse(path);
        if (repo == null || repo.isEmpty() || !repo.contains("/")) {
            throw new IllegalArgumentException("cannot tell the repository (owner/repo) from the Git URL; set "
                    + "stack-agent.notifications.commit-status.repository");
        }
        String base = baseUrl.filter(s -> !s.isBlank()).orElse(null);
        if (base == null) {
            if (host == null) {
                throw new IllegalArgumentException("set stack-agent.notifications.commit-status.base-url (no Git URL to derive it from)");
            }
            base = p.defaultBase(scheme, host);
        }
        return new RepoLocation(p, base.endsWith("/") ? base.substring(0, base.length() - 1) : base, repo);
    }

    private static Optional<String> hostOf(Optional<String> url) {
        return url.filter(s -> !s.isBlank()).map(s -> URI.create(s.trim()).getHost());
    }

    static Optional<Provider> guess(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains("github")) {
            return Optional.of(Provider.GITHUB);
        }
        if (h.contains("gitlab")) {
            return Optional.of(Provider.GITLAB);
        }
        if (h.contains("gitea") || h.contains("forgejo") || h.contains("codeberg")) {
            return Optional.of(Provider.GITEA);
        }
        return Optional.empty();
    }

    private static String trimPath(String path) {
        if (path == null) {
            return null;
        }
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.endsWith(".git") ? p.substring(0, p.length() - 4) : p;
    }
}
