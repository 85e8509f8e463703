package dev.stackagent.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the configured {@link GitSource} injectable. Fails at injection time, with a
 * {@link GitSourceException.Reason#CONFIG} error, when {@code stack-agent.git.url} is not set, so
 * commands that need no Git (validate, plan) still start without it.
 */
@ApplicationScoped
public class GitSourceProducer {

    @Produces
    @Singleton
    GitSource gitSource(GitConfig config) {
        try {
            return new GitSource(GitSettings.from(config));
        } catch (IllegalArgumentException e) {
            throw new GitSourceException(GitSourceException.Reason.CONFIG, e.getMessage());
        }
    }

    void close(@Disposes GitSource source) {
        source.close();
    }
}
