package dev.stackagent.crd;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
        s.setLastError(r.error());
        s.setInventory(stack.objects().stream().map(DesiredObject::ref).sorted().map(StackObjectRef::of).toList());
        List<ChangeSet.Entry> acted = r.changes().entries().stream().filter(e -> ACTING.contains(e.result())).toList();
        s.setLastActions(acted.isEmpty() ? prev.getLastActions() : acted.stream().map(StackObjectAction::of).toList());
        requests(stack, r, prev, s);
        s.setConditions(conditions(r, health, s.getScheduleState(), stack.config().schedule() != null,
                new StackConditions(prev.getConditions(), now, generation)));
        return s;
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

    private static List<io.fabric8.kubernetes.api.model.Condition> conditions(SyncResult r, Optional<Health> health, String state,
            boolean scheduled, StackConditions c) {
        boolean synced = r.status() == SyncStatus.Synced;
        String syncReason = r.reason() != null ? r.reason().name() : r.status().name();
        c.set(StackConditions.SYNCED, synced, syncReason,
                r.error() != null ? r.error() : synced ? "live matches Git" : r.drifted() + " objects or node pools differ from Git");
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
        List<String> notReady = new ArrayList<>();
        if (!synced) {
            notReady.add(syncReason);
        }
        if (!SleepPhase.Awake.name().equals(state)) {
            notReady.add(state);
        }
        if (healthy == Boolean.FALSE) {
            boolean modelFailed = r.verification() != null && !r.verification().passed();
            notReady.add((modelFailed ? FailureReason.VerificationFailed : FailureReason.HealthCheckFailed).name());
        } else if (health.map(h -> h.status() == HealthStatus.SUSPENDED).orElse(false)) {
            notReady.add(label(health.get().status()));
        }
        if (!notReady.isEmpty()) {
            c.set(StackConditions.READY, false, notReady.get(0), String.join(", ", notReady));
        } else if (healthy == null) {
            c.set(StackConditions.READY, null, health.isPresent() ? label(health.get().status()) : "HealthNotChecked",
                    "synced and awake; health " + health.map(h -> label(h.status())).orElse("not checked yet"));
        } else {
            c.set(StackConditions.READY, true, "Ready", "synced, awake and healthy");
        }
        return c.build();
    }

    static String label(HealthStatus status) {
        String n = status.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }
}
