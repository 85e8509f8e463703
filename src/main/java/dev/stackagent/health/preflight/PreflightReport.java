package dev.stackagent.health.preflight;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * All preflight results of one run. Preflight reports; it blocks a sync only for the checks named
 * in the configured blocking set ({@link #blocks(Set)}).
 */
@RegisterForReflection
public record PreflightReport(List<CheckResult> results, Instant at) {

    public PreflightReport {
        results = List.copyOf(results);
    }

    public List<CheckResult> failed() {
        return results.stream().filter(r -> r.outcome() == CheckOutcome.FAILED).toList();
    }

    public List<CheckResult> warnings() {
        return results.stream().filter(r -> r.outcome() == CheckOutcome.WARNING).toList();
    }

    /** True when no check failed (warnings allowed). */
    public boolean passed() {
        return failed().isEmpty();
    }

    /**
     * True when a failed check's name is in {@code blocking}; a name ending in {@code *} matches as
     * a prefix (e.g. {@code secret *} for every secret check).
     */
    public boolean blocks(Set<String> blocking) {
        return failed().stream().anyMatch(r -> blocking.stream().anyMatch(b -> b.endsWith("*")
                ? r.name().startsWith(b.substring(0, b.length() - 1))
                : r.name().equals(b)));
    }

    public Optional<CheckResult> result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
