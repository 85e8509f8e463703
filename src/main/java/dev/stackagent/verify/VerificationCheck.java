package dev.stackagent.verify;

import java.time.Duration;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One step of the verification: its name ({@code health}, {@code models}, ...), verdict, why, and how long it took. */
@RegisterForReflection
public record VerificationCheck(String name, boolean passed, String message, Duration latency) {
}
