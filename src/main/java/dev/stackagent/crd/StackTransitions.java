package dev.stackagent.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.report.SyncResult;
import dev.stackagent.schedule.SleepPhase;

/**
 * The Events one sync is worth, from its result and the Stack's status before and after it (a pure
 * function): a summary of what changed, never one Event per object.
 * <ul>
 * <li>{@code Suspended}/{@code Resumed} when status.suspended flips;</li>
 * <li>a Warning named by the failure's reason (ApplyFailed, PolicyViolation, AdoptionConflict, ...) on
 * every failed sync — the recorder folds repeats into one Event with a count;</li>
 * <li>{@code Synced} with the counts and short revision when the sync changed something, and
 * {@code Pruned} naming what it deleted;</li>
 * <li>{@code FallingAsleep}/{@code Asleep}/{@code Waking}/{@code Awake} when status.scheduleState changes;</li>
 * <li>{@code Verified}/{@code VerificationFailed} when the model was verified again.</li>
 * </ul>
 * An idle sync (nothing changed, nothing failed) is worth none.
 */
final class StackTransitions {
    private StackTransitions() {
    }

    static List<StackEvent> events(SyncResult r, StackResourceStatus previous, StackResourceStatus next) {
        StackResourceStatus prev = previous == null ? new StackResourceStatus() : previous;
        List<StackEvent> out = new ArrayList<>();
        boolean wasSuspended = Boolean.TRUE.equals(prev.getSuspended());
        boolean suspended = Boolean.TRUE.equals(next.getSuspended());
        if (suspended && !wasSuspended) {
            out.add(StackEvent.normal("Suspended", "suspended: nothing is applied or pruned until resumed; drift is still reported"));
        } else if (!suspended && wasSuspended) {
            out.add(StackEvent.normal("Resumed", "resumed: applying Git again at " + next.getShortRevision()));
        }
        if (r.failure() != null) {
            out.add(StackEvent.warning(r.reason().name(), r.error()));
        }
        ChangeSet changes = r.changes();
        long created = changes.count(ChangeSet.Result.CREATED);
        long configured = changes.count(ChangeSet.Result.CONFIGURED);
        long pruned = changes.count(ChangeSet.Result.PRUNED);
        long pools = r.pools().stream().filter(p -> p.kind() == PoolOutcome.Kind.CREATED || p.kind() == PoolOutcome.Kind.UPDATED
                || p.kind() == PoolOutcome.Kind.REPLACED).count();
        if (r.failure() == null && created + configured + pruned + pools > 0) {
            out.add(StackEvent.normal("Synced", "applied " + created + " created, " + configured + " configured, " + pruned + " pruned"
                    + (pools > 0 ? ", " + pools + " node pool(s) changed" : "") + " at " + next.getShortRevision()));
        }
        if (pruned > 0) {
            out.add(StackEvent.normal("Pruned", "pruned " + pruned + " object(s) Git no longer holds: " + String.join(", ",
                    changes.entries().stream().filter(e -> e.result() == ChangeSet.Result.PRUNED).map(e -> e.ref().toString()).toList())));
        }
        String state = next.getScheduleState();
        if (prev.getScheduleState() != null && state != null && !state.equals(prev.getScheduleState())) {
            out.add(StackEvent.normal(state, schedule(state, r, next)));
        }
        if (next.getVerification() != null && !Objects.equals(next.getLastVerificationTime(), prev.getLastVerificationTime())
                && r.verification() != null) {
            out.add(r.verification().passed()
                    ? StackEvent.normal("Verified", "the model answered every check" + (r.verification().url() == null ? ""
                            : " at " + r.verification().url()))
                    : StackEvent.warning("VerificationFailed", "the model did not pass verification: " + r.verification().summary()));
        }
        return out;
    }

    private static String schedule(String state, SyncResult r, StackResourceStatus next) {
        String why = r.sleep() == null ? "" : " (" + r.sleep().decision().detail() + ")";
        String until = next.getNextTransition() == null ? "" : " until " + next.getNextTransition();
        return switch (SleepPhase.valueOf(state)) {
            case FallingAsleep -> "falling asleep by schedule" + why + ": scaling the workload and its node pools down";
            case Asleep -> "asleep by schedule" + why + until;
            case Waking -> "waking by schedule" + why + ": scaling the node pools and the workload up";
            case Awake -> "awake" + why + until;
        };
    }
}
