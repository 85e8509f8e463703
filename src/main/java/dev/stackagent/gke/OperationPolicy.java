package dev.stackagent.gke;

import java.time.Duration;

/**
 * Timing of GKE operations: poll interval (doubling from {@code pollInitial} to {@code pollMax}),
 * how long one operation may run, and the bounded retry budget when the cluster is busy.
 */
public record OperationPolicy(
        Duration pollInitial,
        Duration pollMax,
        Duration operationTimeout,
        int busyMaxAttempts,
        Duration busyMaxWait) {

    public static OperationPolicy defaults() {
        return new OperationPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(60), 20,
                Duration.ofMinutes(30));
    }

    public static OperationPolicy of(GkeConfig config) {
        return new OperationPolicy(config.operations().pollInitialInterval(), config.operations().pollMaxInterval(),
                config.operations().timeout(), config.busyRetry().maxAttempts(), config.busyRetry().maxWait());
    }

    Duration next(Duration interval) {
        Duration doubled = interval.multipliedBy(2);
        return doubled.compareTo(pollMax) > 0 ? pollMax : doubled;
    }
}
