package dev.stackagent.notify.status;

import java.util.List;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.health.HealthStatus;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.verify.LoadResult;
import dev.stackagent.verify.VerificationResult;

/**
 * The commit status a sync's outcome maps to, with its one-line description (at most
 * {@value #MAX_DESCRIPTION} characters, GitHub's limit): "applied 2 objects; model verified 4/4, p95 420 ms".
 */
public record StatusOutcome(CommitState state, String description) {
    public static final int MAX_DESCRIPTION = 140;

    public StatusOutcome {
        description = oneLine(description);
    }

    /** Fetched and loaded: the sync has not reported yet. */
    public static StatusOutcome loaded() {
        return new StatusOutcome(CommitState.PENDING, "revision loaded; waiting for the sync");
    }

    /** Rejected: the first error's {@code file:line} and message. */
    public static StatusOutcome rejected(List<ValidationError> errors) {
        ValidationError first = errors.get(0);
        String more = errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "";
        return new StatusOutcome(CommitState.FAILURE, "rejected" + more + ": " + first);
    }

    public static StatusOutcome of(SyncResult r) {
        if (r.failure() != null) {
            CommitState state = switch (r.reason()) {
                case ValidationFailed, PolicyViolation, HealthCheckFailed, VerificationFailed -> CommitState.FAILURE;
                default -> CommitState.ERROR;
            };
            String prefix = switch (r.reason()) {
                case ValidationFailed -> "rejected";
                case PolicyViolation -> "policy violation";
                case AdoptionConflict -> "not applied (conflict)";
                case PreflightFailed -> "not applied";
                default -> "apply failed";
            };
            return new StatusOutcome(state, prefix + ": " + (r.error() == null ? r.reason().name() : r.error()));
        }
        String applied = applied(r.changes());
        if (r.status() == SyncStatus.OutOfSync) {
            return new StatusOutcome(CommitState.PENDING, "stack suspended: drift reported, nothing applied");
        }
        VerificationResult v = r.verification();
        HealthStatus health = r.health() == null ? null : r.health().health().status();
        if (v != null && !v.passed()) {
            return new StatusOutcome(CommitState.FAILURE, applied + "; model verification " + v.summary());
        }
        if (health == HealthStatus.DEGRADED || health == HealthStatus.MISSING) {
            return new StatusOutcome(CommitState.FAILURE, applied + "; stack " + label(health) + ": " + r.health().health().message());
        }
        if (health == HealthStatus.SUSPENDED) {
            return new StatusOutcome(CommitState.SUCCESS, applied + "; asleep on its schedule (verified when awake)");
        }
        if (health == null || health == HealthStatus.PROGRESSING || health == HealthStatus.UNKNOWN) {
            return new StatusOutcome(CommitState.PENDING, applied + "; waiting for the stack to be healthy"
                    + (health == null ? "" : " (" + label(health) + ")"));
        }
        return new StatusOutcome(CommitState.SUCCESS, applied + "; healthy; " + verified(v));
    }

    static String applied(ChangeSet c) {
        long changed = c.count(ChangeSet.Result.CREATED) + c.count(ChangeSet.Result.CONFIGURED);
        long pruned = c.count(ChangeSet.Result.PRUNED);
        return changed == 0 && pruned == 0 ? "in sync" : "applied " + changed + " object" + (changed == 1 ? "" : "s")
                + (pruned == 0 ? "" : ", pruned " + pruned);
    }

    static String verified(VerificationResult v) {
        if (v == null) {
            return "model not verified";
        }
        long passed = v.checks().stream().filter(c -> c.passed()).count();
        String out = "model verified " + passed + "/" + v.checks().size();
        LoadResult load = v.load();
        if (load != null && load.p95() != null) {
            out += ", p95 " + load.p95().toMillis() + " ms";
        }
        return out;
    }

    private static String label(HealthStatus s) {
        return s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION - 3) + "...";
    }
}
