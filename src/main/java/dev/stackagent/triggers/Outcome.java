package dev.stackagent.triggers;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link WorkHandler} reports for one run of a key: done, failed (retried with exponential
 * backoff), or "try again after" a delay the handler knows (for example a GKE operation still running).
 */
public record Outcome(Kind kind, Duration retryAfter, String reason) {

    /** The three results a run can have. */
    public enum Kind { SUCCESS, FAILURE, RETRY_AFTER }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RETRY_AFTER && (retryAfter == null || retryAfter.isNegative())) {
            throw new IllegalArgumentException("retryAfter must be zero or positive");
        }
    }

    private static final Outcome SUCCESS = new Outcome(Kind.SUCCESS, null, null);

    public static Outcome success() {
        return SUCCESS;
    }

    /** Failed; the queue retries the key with exponential backoff and full jitter. */
    public static Outcome failure(String reason) {
        return new Outcome(Kind.FAILURE, null, reason);
    }

    /** Not finished; run the key again after {@code delay} (no backoff, the failure count is kept). */
    public static Outcome retryAfter(Duration delay, String reason) {
        return new Outcome(Kind.RETRY_AFTER, delay, reason);
    }
}
