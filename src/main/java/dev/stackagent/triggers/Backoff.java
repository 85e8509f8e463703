package dev.stackagent.triggers;

import java.time.Duration;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure the delay is uniform in
 * {@code [0, min(max, base * 2^(n-1)))}. A pure function of the attempt and a random number.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("backoff base must be positive");
        if (max.compareTo(base) < 0) throw new IllegalArgumentException("backoff max must be at least the base");
    }

    /** Upper bound of the delay after {@code failures} consecutive failures (1 = first failure). */
    public Duration ceiling(int failures) {
        int doublings = Math.max(0, failures - 1);
        if (doublings >= 62) return max;
        long baseMillis = base.toMillis();
        long factor = 1L << doublings;
        if (baseMillis > max.toMillis() / factor) return max;
        return Duration.ofMillis(baseMillis * factor);
    }

    /** The delay to wait, given {@code random} uniform in {@code [0, 1)}. */
    public Duration delay(int failures, double random) {
        double r = Math.min(Math.max(random, 0.0), 1.0);
        return Duration.ofMillis((long) (ceiling(failures).toMillis() * r));
    }
}
