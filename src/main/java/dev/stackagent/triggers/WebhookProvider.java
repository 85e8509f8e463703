package dev.stackagent.triggers;

import java.util.Locale;
import java.util.Optional;

/** The webhook senders the agent understands, by the last path segment of {@code /api/v1/webhooks/{provider}}. */
public enum WebhookProvider {
    /** GitHub: {@code X-Hub-Signature-256} HMAC, {@code X-GitHub-Event}. */
    GITHUB,
    /** GitLab: {@code X-Gitlab-Token} shared token, {@code X-Gitlab-Event}. */
    GITLAB,
    /** Gitea, Forgejo, Gogs and other senders of GitHub-shaped payloads with an HMAC-SHA256 signature. */
    GENERIC;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookProvider> fromPath(String segment) {
        for (WebhookProvider p : values()) {
            if (p.pathName().equals(segment)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
