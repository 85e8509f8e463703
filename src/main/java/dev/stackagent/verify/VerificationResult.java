package dev.stackagent.verify;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outcome of one verification: passed when every check (and the load check, if one ran) passed.
 * {@code load} is null when no load check ran.
 */
@RegisterForReflection
public record VerificationResult(boolean passed, URI url, List<VerificationCheck> checks, LoadResult load,
        Instant at) {

    public VerificationResult {
        checks = List.copyOf(checks);
    }

    static VerificationResult of(URI url, List<VerificationCheck> checks, Instant at) {
        return new VerificationResult(checks.stream().allMatch(VerificationCheck::passed), url, checks, null, at);
    }

    /** This result with a load check's outcome added. */
    public VerificationResult withLoad(LoadResult loadResult) {
        return new VerificationResult(passed && loadResult.passed(), url, checks, loadResult, at);
    }

    /** The checks that failed, in the order they ran. */
    public List<VerificationCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    public Optional<VerificationCheck> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** One line for logs and status: which checks (and gates) failed and why, or "passed". */
    public String summary() {
        if (passed) {
            return "passed";
        }
        StringBuilder b = new StringBuilder("failed:");
        for (VerificationCheck c : failures()) {
            b.append(' ').append(c.name()).append(" (").append(c.message()).append(");");
        }
        if (load != null && !load.passed()) {
            b.append(" load (").append(load.summary()).append(");");
        }
        return b.substring(0, b.length() - 1);
    }
}
