package dev.stackagent.triggers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Webhook receiver settings ({@code stack-agent.webhook.*}). A provider is enabled by giving its
 * secret, preferably as a file (a mounted Kubernetes Secret, read on every request so it can be
 * rotated without a restart), or as a value (e.g. from an environment variable). Which repository and
 * ref a push must come from defaults to {@code stack-agent.git.url} and its branch or tag.
 */
@ConfigMapping(prefix = "stack-agent.webhook")
public interface WebhookConfig {

    /** Largest accepted request body; larger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** GitHub: the webhook secret for {@code X-Hub-Signature-256}. */
    Hmac github();

    /** GitLab: the secret token compared with {@code X-Gitlab-Token}. */
    Token gitlab();

    /** Generic HMAC-SHA256 (Gitea, Forgejo, ...). */
    Hmac generic();

    /**
     * Repositories whose pushes trigger a fetch: clone URLs (HTTPS or SSH) or {@code owner/name};
     * defaults to {@code stack-agent.git.url}.
     */
    Optional<List<String>> repositories();

    /**
     * The ref whose pushes trigger a fetch ({@code refs/heads/main}, {@code refs/tags/v1}; a bare name
     * means a branch); defaults to the tag or branch of {@code stack-agent.git}.
     */
    Optional<String> ref();

    /** A shared HMAC secret. */
    interface Hmac {
        /** File holding the secret (a trailing newline is ignored). Wins over {@link #secret()}. */
        Optional<Path> secretFile();

        Optional<String> secret();
    }

    /** A shared token. */
    interface Token {
        /** File holding the token (a trailing newline is ignored). Wins over {@link #token()}. */
        Optional<Path> tokenFile();

        Optional<String> token();
    }
}
