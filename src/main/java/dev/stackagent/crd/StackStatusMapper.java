package dev.stackagent.crd;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.Stack;
import dev.stackagent.health.Health;
import dev.stackagent.health.HealthStatus;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;

/**
 * The Stack resource's status after one sync, as a pure function of the stack, the sync result,
 * its health and the previous status. Never copies a field value: only paths and messages.
 */
public final class StackStatusMapper {
    /** Entry results that count as "the sync did something" for {@code lastActions}. */
    private static final Set<ChangeSet.Result> ACTING = Set.of(ChangeSet.Result.CREATED, ChangeSet.Result.CONFIGURED,
            ChangeSet.Result.PRUNED, ChangeSet.Result.FAILED);

    private StackStatusMapper() {
    }

    public static StackResourceStatus next(Stack stack, SyncResult r, Optional<Health> health, StackResourceStatus previous,
            Long generation) {
        return next(stack, r, null, health, previous, generation);
    }

    /**
     * The status after a sync; {@code rejected} (may be null) is a newer revision of the stack that was
     * rejected: the stack keeps its last good revision, and its status says Failed, ValidationFailed, Stalled.
     */
    public static StackResourceStatus next(Stack stack, SyncResult r, StackRejection rejected, Optional<Health> health,
            StackResourceStatus previous, Long generation) {
        StackResourceStatus prev = previous == null ? new StackResourceStatus() : previous;
        Instant now = r.finishedAt().truncatedTo(ChronoUnit.SECONDS);
        StackResourceStatus s = new StackResourceStatus();
        s.setObservedGeneration(generation);
        s.setRevision(r.revision());
        s.setShortRevision(r.revision() == null ? null : r.revision().substring(0, Math.min(12, r.revision().length())));
        s.setSync(r.status().name());
        s.setHealth(health.map(h -> label(h.status())).orElse("Unknown"));
        schedule(stack, r, prev, s);
        s.setLastSyncTime(now.toString());
        s.setLastError(rejected != null ? rejected.summary(r.revision()) : r.error());
        if (rejected != null) {
            s.setSync(SyncStatus.Failed.name());
        }
        verification(r, prev, s);
        s.setInventory(stack.objects().stream().map(DesiredObject::ref).sorted().map(StackObjectRef::of).toList());
        List<ChangeSet.Entry> acted = r.changes().entries().stream().filter(e -> ACTING.contains(e.result())).toList();
        s.setLastActions(acted.isEmpty() ? prev.getLastActions() : acted.stream().map(StackObjectAction::of).toList());
        requests(stack, r, prev, s);
        s.setConditions(conditions(stack, r, rejected, health, s, new StackConditions(prev.getConditions(), now, generation)));
        return s;
    }

    /** The model's last verification (each sync repeats the last one until the next runs). */
    private static void verification(SyncResult r, StackResourceStatus prev, StackResourceStatus s) {
        if (r.verification() != null) {
            s.setVerification(r.verification().passed() ? "Passed" : "Failed");
            s.setLastVerificationTime(r.verification().at() == null ? null : r.verification().at().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            s.setVerification(prev.getVerification());
            s.setLastVerificationTime(prev.getLastVerificationTime());
        }
    }

    /** What on-call asked through the cluster, as this sync honoured it (suspension, schedule override, reconcile request). */
    private static void requests(Stack stack, SyncResult r, StackResourceStatus prev, StackResourceStatus s) {
        var q = r.requests();
        s.setLastHandledReconcileAt(q.reconcileRequestedAt() != null ? q.reconcileRequestedAt() : prev.getLastHandledReconcileAt());
        boolean inGit = stack.config().options().suspended();
        s.setSuspended(q.suspended() || inGit ? Boolean.TRUE : null);
        s.setSuspendedReason(q.suspended() ? (q.suspendedReason() != null ? q.suspendedReason() : "suspended with stack-agent suspend")
                : inGit ? "options.suspend in Git" : null);
        s.setScheduleOverride(q.overrideAt(r.finishedAt()));
    }

    /** Schedule state and next transition; a failed sync (no sleep report) of a scheduled stack keeps the previous ones. */
    private static void schedule(Stack stack, SyncResult r, StackResourceStatus prev, StackResourceStatus s) {
        if (r.sleep() != null) {
            s.setScheduleState(r.sleep().state());
            s.setNextTransition(r.sleep().decision().next().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
        } else if (stack.config().schedule() != null && prev.getScheduleState() != null) {
            s.setScheduleState(prev.getScheduleState());
            s.setNextTransition(prev.getNextTransition());
        } else {
            s.setScheduleState(SleepPhase.Awake.name());
        }
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(Stack stack, SyncResult r, StackRejection rejected,
            Optional<Health> health, StackResourceStatus s, StackConditions c) {
        boolean scheduled = stack.config().schedule() != null;
        String state = s.getScheduleState();
        FailureReason failure = rejected != null ? FailureReason.ValidationFailed : r.reason();
        boolean synced = failure == null && r.status() == SyncStatus.Synced;
        String syncReason = failure != null ? failure.name() : r.status().name();
        c.set(StackConditions.SYNCED, synced, syncReason,
                s.getLastError() != null ? s.getLastError() : synced ? "live matches Git" : r.drifted() + " objects or node pools differ from Git");
        Boolean healthy = health.map(h -> switch (h.status()) {
            case HEALTHY, SUSPENDED -> Boolean.TRUE;
            case DEGRADED, MISSING -> Boolean.FALSE;
            case PROGRESSING, UNKNOWN -> null;
        }).orElse(null);
        c.set(StackConditions.HEALTHY, healthy, health.map(h -> label(h.status())).orElse("NotChecked"),
                health.map(Health::message).orElse("no health verdict yet"));
        boolean asleep = SleepPhase.Asleep.name().equals(state);
        c.set(StackConditions.ASLEEP, asleep, scheduled ? state : "NoSchedule",
                scheduled ? "schedule state " + state : "the stack has no schedule");
        StackKstatus.set(c, new StackKstatus.Facts(failure, s.getLastError(), synced,
                Boolean.TRUE.equals(s.getSuspended()), r.drifted(), state, healthy, s.getHealth(),
                r.verification() != null && !r.verification().passed(), s.getNextTransition()));
        return c.build();
    }

    static String label(HealthStatus status) {
        String n = status.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }
}
