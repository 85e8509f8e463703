package dev.stackagent.verify;

import java.time.Duration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One step of the verification: its name ({@code health}, {@code models}, ...), verdict, why, and how
 * long it took. The message is kept to one sanitised line of at most {@value Excerpt#MESSAGE_MAX}
 * characters whoever builds it (the server's part of it is already a shorter {@link Excerpt}).
 */
@RegisterForReflection
public record VerificationCheck(String name, boolean passed, String message, Duration latency) {
    public VerificationCheck {
        message = message == null ? null : Excerpt.of(message, Excerpt.MESSAGE_MAX);
    }
}
