package dev.stackagent.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * Makes the configured {@link GitSource} injectable. Fails at injection time, with a
 * {@link GitSourceException.Reason#CONFIG} error, when {@code stack-agent.git.url} is not set, so
 * commands that need no Git (validate, plan) still start without it, and when a token or password
 * would go over plain {@code http://} (unless {@code stack-agent.git.allow-insecure-http} is set).
 */
@ApplicationScoped
public class GitSourceProducer {
    private static final Logger LOG = Logger.getLogger(GitSourceProducer.class);

    @Produces
    @Singleton
    GitSource gitSource(GitConfig config) {
        try {
            GitSettings settings = GitSettings.from(config);
            if (settings.sendsCredentialsInClearText()) {
                LOG.warnf("%s=true: the Git credential is sent in clear text to %s", GitSettings.ALLOW_INSECURE_HTTP_KEY,
                        settings.redactedUrl());
            }
            return new GitSource(settings);
        } catch (IllegalArgumentException e) {
            throw new GitSourceException(GitSourceException.Reason.CONFIG, e.getMessage());
        }
    }

    void close(@Disposes GitSource source) {
        source.close();
    }
}
