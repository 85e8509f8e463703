package dev.stackagent.verify;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One load gate's verdict, e.g. {@code P95_LATENCY passed "p95 840ms <= 1500ms"}. */
@RegisterForReflection
public record GateResult(LoadGate gate, boolean passed, String message) {
}
