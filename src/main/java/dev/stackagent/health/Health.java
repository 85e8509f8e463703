package dev.stackagent.health;

import java.util.Objects;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A health verdict: a ranked {@link HealthStatus} and a message a person can act on. */
@RegisterForReflection
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    public static Health missing(String message) {
        return new Health(HealthStatus.MISSING, message);
    }

    /** True when this verdict's status is strictly worse than {@code other}'s. */
    public boolean isWorseThan(Health other) {
        return status.isWorseThan(other.status);
    }
}
