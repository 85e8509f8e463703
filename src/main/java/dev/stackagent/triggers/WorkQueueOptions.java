package dev.stackagent.triggers;

import java.time.Duration;

/**
 * How the {@link WorkQueue} behaves: how many keys run at once, the retry backoff, and how long
 * watch events for a key are collected before it runs.
 */
public record WorkQueueOptions(int parallelism, Backoff backoff, Duration debounce) {

    public WorkQueueOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
        if (debounce.isNegative()) throw new IllegalArgumentException("debounce must not be negative");
    }

    /** The defaults: 4 keys at once, backoff 1s doubling up to 5m, 500ms debounce. */
    public static WorkQueueOptions defaults() {
        return new WorkQueueOptions(4, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)), Duration.ofMillis(500));
    }

    static WorkQueueOptions from(QueueConfig config) {
        return new WorkQueueOptions(config.parallelism(), new Backoff(config.backoffBase(), config.backoffMax()),
                config.debounce());
    }
}
