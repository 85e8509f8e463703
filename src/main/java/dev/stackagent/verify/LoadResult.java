package dev.stackagent.verify;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a load check measured and how it fared against its gates. Latencies are over the successful
 * requests (null when none succeeded); {@code throughput} is successful requests per second of the
 * whole run; {@code firstFailure} says why the first failed request failed (null when none did), one
 * sanitised line (see {@link Excerpt}).
 */
@RegisterForReflection
public record LoadResult(int requests, int concurrency, int failures, Duration p50, Duration p95, Duration max,
        double throughput, Duration elapsed, List<GateResult> gates, String firstFailure) {

    public LoadResult {
        gates = List.copyOf(gates);
        firstFailure = firstFailure == null ? null : Excerpt.of(firstFailure, Excerpt.MESSAGE_MAX);
    }

    public boolean passed() {
        return gates.stream().allMatch(GateResult::passed);
    }

    public List<LoadGate> failedGates() {
        return gates.stream().filter(g -> !g.passed()).map(GateResult::gate).toList();
    }

    /** The failed gates' messages, or "passed". */
    public String summary() {
        return passed() ? "passed"
                : gates.stream().filter(g -> !g.passed()).map(g -> g.gate() + ": " + g.message())
                        .collect(Collectors.joining("; "));
    }
}
