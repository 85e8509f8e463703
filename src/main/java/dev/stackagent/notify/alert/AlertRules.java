package dev.stackagent.notify.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.health.HealthStatus;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.SleepPhase;

/**
 * Which alerts a sync's outcome fires, each with its message: a pure function of the result and the
 * time. Kinds a sync judges and does not fire are resolved by the caller.
 */
public final class AlertRules {
    /** Kinds a sync of one stack judges (each fires or is clear after every sync). */
    public static final java.util.Set<AlertKind> JUDGED_BY_SYNC = java.util.EnumSet.of(AlertKind.SyncFailed, AlertKind.PolicyViolation,
            AlertKind.VerificationFailed, AlertKind.NotReadyInWindow, AlertKind.PoolRunningWhileAsleep);

    /** Why an alert fires: the reason (the failure reason, or the kind) and the message. */
    public record Firing(String reason, String message) {
    }

    private final Duration grace;

    /** {@code grace}: how long a wake or a fall asleep may take before it is alerted on. */
    public AlertRules(Duration grace) {
        this.grace = grace;
    }

    public Map<AlertKind, Firing> firing(SyncResult r, Instant now) {
        Map<AlertKind, Firing> out = new EnumMap<>(AlertKind.class);
        if (r.failure() != null) {
            if (r.reason() == FailureReason.PolicyViolation) {
                out.put(AlertKind.PolicyViolation, new Firing(r.reason().name(), r.error()));
            } else if (r.reason() != FailureReason.ValidationFailed) {
                out.put(AlertKind.SyncFailed, new Firing(r.reason().name(), r.error()));
            }
        }
        if (r.verification() != null && !r.verification().passed()) {
            put(out, AlertKind.VerificationFailed, "model verification " + r.verification().summary());
        }
        SleepReport sleep = r.sleep();
        if (sleep == null || sleep.decision() == null || sleep.decision().reason() == DecisionReason.NO_SCHEDULE) {
            return out;
        }
        SleepPhase phase = sleep.progress() == null ? null : sleep.progress().phase();
        Instant since = sleep.progress() == null ? null : sleep.progress().phaseStartedAt();
        boolean overdue = since != null && Duration.between(since, now).compareTo(grace) > 0;
        String scheduled = "scheduled " + (sleep.decision().awake() ? "awake" : "asleep") + " (" + sleep.decision().detail() + ") but ";
        if (sleep.decision().awake() && !sleep.decision().inLeadTime()) {
            HealthStatus h = r.health() == null ? null : r.health().health().status();
            if (phase == SleepPhase.Awake && (h == HealthStatus.DEGRADED || h == HealthStatus.MISSING)) {
                put(out, AlertKind.NotReadyInWindow, scheduled + r.health().health().message());
            } else if (phase == SleepPhase.Waking && overdue) {
                put(out, AlertKind.NotReadyInWindow, scheduled + "still waking after " + minutes(since, now) + " (step "
                        + sleep.progress().step() + ")");
            }
        }
        if (!sleep.decision().awake()) {
            String running = r.pools().stream().filter(p -> p.drift() != null && !p.drift().inSync()
                    && p.kind() != PoolOutcome.Kind.NOT_MANAGED).map(PoolOutcome::pool).findFirst().orElse(null);
            if (phase == SleepPhase.FallingAsleep && overdue) {
                put(out, AlertKind.PoolRunningWhileAsleep, scheduled + "node pools still running after " + minutes(since, now) + " (step "
                        + sleep.progress().step() + ")");
            } else if (phase == SleepPhase.Asleep && running != null) {
                put(out, AlertKind.PoolRunningWhileAsleep, scheduled + "node pool " + running + " is not scaled down");
            }
        }
        return out;
    }

    private static void put(Map<AlertKind, Firing> out, AlertKind kind, String message) {
        out.put(kind, new Firing(kind.name(), message));
    }

    private static String minutes(Instant since, Instant now) {
        return Duration.between(since, now).toMinutes() + " min";
    }
}
