package dev.stackagent.notify.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.stackagent.notify.delivery.NotificationMetrics.Result;

/**
 * Sends one {@link Delivery}: retries with exponential backoff after a 5xx or a connection error,
 * waits out a rate limit (a 429, or GitHub's 403 with {@code Retry-After} or
 * {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset}), gives up on any other 4xx. Logs
 * name the delivery by its label and the status code only: never a header, a URL or a body.
 */
public final class HttpSender {
    private static final Logger LOG = Logger.getLogger(HttpSender.class);

    /** How many attempts and how long to wait between them. */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15));

        Duration backoff(int attempt) {
            Duration d = initialBackoff.multipliedBy(1L << Math.min(20, attempt - 1));
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }

    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Retry retry;
    private final NotificationMetrics metrics;
    private final ProviderFailureSink failures;
    private final int failureThreshold;
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

    public HttpSender(HttpClient http, Clock clock, Sleeper sleeper, Retry retry, NotificationMetrics metrics, ProviderFailureSink failures,
            int failureThreshold) {
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.retry = retry;
        this.metrics = metrics;
        this.failures = failures;
        this.failureThreshold = Math.max(1, failureThreshold);
    }

    /** Sends {@code d}; true when the provider accepted it. */
    public boolean send(Delivery d) {
        String error = attempt(d);
        if (error == null) {
            metrics.count(d.provider(), Result.delivered);
            streaks.remove(d.provider());
            return true;
        }
        metrics.count(d.provider(), Result.failed);
        LOG.warnf("notification %s to %s failed: %s", d.what(), d.provider(), error);
        d.onFailed().run();
        int streak = streaks.merge(d.provider(), 1, Integer::sum);
        if (streak == failureThreshold) {
            failures.providerFailing(d.provider(), d.stack(), streak, error);
        }
        return false;
    }

    /** Null when delivered, else why not. */
    private String attempt(Delivery d) {
        String error = "not sent";
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            HttpRequest request;
            try {
                request = d.request().build();
            } catch (IOException e) {
                return e.getMessage(); // names the secret file, never its content
            } catch (RuntimeException e) {
                return "cannot build the request (" + e.getClass().getSimpleName() + ")"; // its message may quote a header or URL
            }
            Duration wait;
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                int code = response.statusCode();
                if (code >= 200 && code < 300) {
                    return null;
                }
                error = "HTTP " + code;
                Optional<Duration> limited = rateLimitWait(code, response.headers().map());
                if (limited.isPresent()) {
                    wait = limited.get();
                    if (wait.compareTo(retry.maxRateLimitWait()) > 0) {
                        return error + " (rate limited for " + wait.toSeconds() + "s, longer than the allowed wait)";
                    }
                    error += " (rate limited)";
                } else if (code >= 500) {
                    wait = retry.backoff(attempt);
                } else {
                    return error;
                }
            } catch (IOException e) {
                error = e.getClass().getSimpleName(); // its message may hold the URL, a secret for webhooks
                wait = retry.backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            if (attempt == retry.maxAttempts()) {
                break;
            }
            metrics.count(d.provider(), Result.retried);
            LOG.debugf("notification %s to %s: %s; retry %d in %s", d.what(), d.provider(), error, attempt, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return error + " after " + retry.maxAttempts() + " attempts";
    }

    /** How long a rate-limited answer asks to wait, when it is one (429 always; 403 only with GitHub's rate-limit headers). */
    Optional<Duration> rateLimitWait(int code, Map<String, java.util.List<String>> headers) {
        if (code != 429 && code != 403) {
            return Optional.empty();
        }
        Optional<String> retryAfter = header(headers, "retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim()))));
            } catch (NumberFormatException e) {
                return Optional.of(retry.backoff(1)); // an HTTP date: treated as a short wait
            }
        }
        boolean exhausted = header(headers, "x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false);
        Optional<String> reset = header(headers, "x-ratelimit-reset");
        if (exhausted && reset.isPresent()) {
            try {
                Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.get().trim())));
                return Optional.of(d.isNegative() ? Duration.ZERO : d.plusSeconds(1));
            } catch (NumberFormatException e) {
                return Optional.of(retry.backoff(1));
            }
        }
        return code == 429 ? Optional.of(retry.backoff(1)) : Optional.empty();
    }

    private static Optional<String> header(Map<String, java.util.List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
