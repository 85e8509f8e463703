package dev.stackagent.health.preflight;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One named preflight check, e.g. {@code cert-manager}, {@code gateway}, {@code secret ns/hf-token}. */
@RegisterForReflection
public record CheckResult(String name, CheckOutcome outcome, String message) {

    public static CheckResult ok(String name, String message) {
        return new CheckResult(name, CheckOutcome.OK, message);
    }

    public static CheckResult warning(String name, String message) {
        return new CheckResult(name, CheckOutcome.WARNING, message);
    }

    public static CheckResult failed(String name, String message) {
        return new CheckResult(name, CheckOutcome.FAILED, message);
    }
}
