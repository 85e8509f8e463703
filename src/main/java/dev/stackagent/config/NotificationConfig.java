package dev.stackagent.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Commit statuses and alerts ({@code stack-agent.notifications.*}); see {@code docs/notifications.md}.
 * Tokens and webhook URLs are secrets: they are read from files (a mounted Secret) when used, never set inline.
 */
@ConfigMapping(prefix = "stack-agent.notifications")
public interface NotificationConfig {

    /** Deliveries waiting to be sent; when full the oldest is dropped (and counted). */
    @WithDefault("1000")
    int queueCapacity();

    /** Attempts per delivery (the first and the retries after a 5xx, a rate limit or a connection error). */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled at each retry up to {@code max-backoff}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    /** A rate limit asking to wait longer than this fails the delivery instead of holding the queue. */
    @WithDefault("15m")
    Duration maxRateLimitWait();

    /** Consecutive failed deliveries to one provider before a Warning Event is recorded on the Stack. */
    @WithDefault("5")
    int failureEventThreshold();

    CommitStatus commitStatus();

    Alerts alerts();

    interface CommitStatus {
        /** File holding the provider's token; commit statuses are posted only when it is set. */
        Optional<String> tokenFile();

        /** {@code github}, {@code gitlab} or {@code gitea} (Forgejo too); derived from {@code stack-agent.git.url} when unset. */
        Optional<String> provider();

        /** The API's base URL, e.g. {@code https://github.example.com/api/v3}; derived from the Git URL when unset. */
        Optional<String> baseUrl();

        /** {@code owner/repo} (GitLab: the project's full path, groups included); derived from the Git URL when unset. */
        Optional<String> repository();

        /** Link shown with the status (a dashboard, the agent's status API); none when unset. */
        Optional<String> targetUrl();
    }

    interface Alerts {
        /** The destinations the platform team allows, by name. */
        Map<String, Channel> channels();

        /** Per stack, the channels (comma-separated names) its alerts go to; every channel when a stack has none. */
        Map<String, String> routes();

        /** Alerts sent to one channel per minute at most; more are dropped (and counted). */
        @WithDefault("10")
        int maxPerMinute();

        /** How long a wake or a fall asleep may take before "not Ready in its window" or "pool running while asleep" fires. */
        @WithDefault("30m")
        Duration transitionGrace();
    }

    interface Channel {
        /** {@code slack} (an incoming webhook) or {@code webhook} (generic JSON). */
        String type();

        /** File holding the webhook URL (a secret: it authorises posting). */
        String urlFile();
    }
}
