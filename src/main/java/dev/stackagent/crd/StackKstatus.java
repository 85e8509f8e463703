package dev.stackagent.crd;

import java.util.Set;

import dev.stackagent.report.FailureReason;
import dev.stackagent.schedule.SleepPhase;

/**
 * The summary conditions kstatus-aware tools and {@code kubectl wait} read, from the facts of one
 * sync ({@link Facts}):
 * <ul>
 * <li>{@code Ready} (normal-true): True when the stack is where Git and its schedule want it — synced,
 * no rejected revision, no failure, and either awake and healthy (reason {@code Ready}) or asleep by
 * its schedule (reason {@code Asleep}: a settled, reconciled state, as Knative's scale-to-zero is
 * Ready; whoever needs the model to answer also waits for {@code Asleep=False});</li>
 * <li>{@code Reconciling} (abnormal-true): True while the agent is still working towards that — Git
 * not yet applied, waking or falling asleep, health not yet settled, or a transient failure being
 * retried (reason {@code ProgressingWithRetry}, as Flux names it);</li>
 * <li>{@code Stalled} (abnormal-true): True when retrying alone will not help and a person must act —
 * a rejected revision, a policy violation, an adoption conflict, a blocking preflight check, or a
 * Degraded stack (health or model verification failed).</li>
 * </ul>
 * kstatus reads a Stack as InProgress while Reconciling is True (or status.observedGeneration lags
 * metadata.generation), Failed while Stalled is True, and Current otherwise.
 */
final class StackKstatus {
    static final String RECONCILING = "Reconciling";
    static final String STALLED = "Stalled";

    /** Failures a retry does not fix: the stack needs a commit, the policy or the cluster changed by someone. */
    static final Set<FailureReason> NON_TRANSIENT = Set.of(FailureReason.ValidationFailed, FailureReason.PolicyViolation,
            FailureReason.AdoptionConflict, FailureReason.PreflightFailed);

    /**
     * What one sync found. {@code failure} and {@code error} are the sync's (or the rejected revision's)
     * failure, null when it worked; {@code healthy} is null while health is not settled; {@code healthLabel}
     * is the Health column's word; {@code nextTransition} the schedule's next change (may be null).
     */
    record Facts(FailureReason failure, String error, boolean synced, boolean suspended, long drifted, String state,
            Boolean healthy, String healthLabel, boolean modelFailed, String nextTransition) {
    }

    private StackKstatus() {
    }

    static void set(StackConditions c, Facts f) {
        String stalled = stalledReason(f);
        ready(c, f);
        if (stalled != null) {
            c.set(RECONCILING, false, "Stalled", "not retrying to any effect until someone acts: see Stalled");
            c.set(STALLED, true, stalled, f.failure() != null ? f.error() : "the stack is Degraded: " + f.healthLabel());
            return;
        }
        c.set(STALLED, false, "NotStalled", "");
        if (f.failure() != null) {
            c.set(RECONCILING, true, "ProgressingWithRetry", f.failure() + ", retrying: " + f.error());
        } else if (!f.synced() && !f.suspended()) {
            c.set(RECONCILING, true, "OutOfSync", f.drifted() + " objects or node pools differ from Git");
        } else if (SleepPhase.Waking.name().equals(f.state()) || SleepPhase.FallingAsleep.name().equals(f.state())) {
            c.set(RECONCILING, true, f.state(), "schedule transition in progress: " + f.state());
        } else if (f.healthy() == null && !asleep(f)) {
            c.set(RECONCILING, true, "Progressing", "waiting for the stack's health to settle: " + f.healthLabel());
        } else {
            c.set(RECONCILING, false, "Reconciled", f.suspended() ? "suspended: nothing is applied until resumed" : "");
        }
    }

    private static String stalledReason(Facts f) {
        if (f.failure() != null) {
            return NON_TRANSIENT.contains(f.failure()) ? f.failure().name() : null;
        }
        if (f.healthy() == Boolean.FALSE) {
            return (f.modelFailed() ? FailureReason.VerificationFailed : FailureReason.HealthCheckFailed).name();
        }
        return null;
    }

    private static void ready(StackConditions c, Facts f) {
        if (f.failure() != null) {
            c.set(StackConditions.READY, false, f.failure().name(), f.error());
        } else if (!f.synced()) {
            c.set(StackConditions.READY, false, f.suspended() ? "Suspended" : "OutOfSync",
                    f.drifted() + " objects or node pools differ from Git" + (f.suspended() ? "; suspended: not applied until resumed" : ""));
        } else if (!SleepPhase.Awake.name().equals(f.state()) && !asleep(f)) {
            c.set(StackConditions.READY, false, f.state(), "schedule transition in progress: " + f.state());
        } else if (f.healthy() == Boolean.FALSE) {
            String reason = (f.modelFailed() ? FailureReason.VerificationFailed : FailureReason.HealthCheckFailed).name();
            c.set(StackConditions.READY, false, reason, "synced; health " + f.healthLabel());
        } else if (asleep(f)) {
            c.set(StackConditions.READY, true, SleepPhase.Asleep.name(), "synced and asleep by schedule"
                    + (f.nextTransition() == null ? "" : " until " + f.nextTransition()) + "; the model does not answer while asleep");
        } else if ("Suspended".equals(f.healthLabel())) {
            c.set(StackConditions.READY, false, "Suspended", "synced and awake, but the workload is scaled down (health Suspended)");
        } else if (f.healthy() == null) {
            c.set(StackConditions.READY, null, "Unknown".equals(f.healthLabel()) ? "HealthNotChecked" : f.healthLabel(),
                    "synced and awake; health " + ("Unknown".equals(f.healthLabel()) ? "not checked yet" : f.healthLabel()));
        } else {
            c.set(StackConditions.READY, true, "Ready", "synced, awake and healthy" + (f.suspended() ? "; suspended" : ""));
        }
    }

    private static boolean asleep(Facts f) {
        return SleepPhase.Asleep.name().equals(f.state());
    }
}
