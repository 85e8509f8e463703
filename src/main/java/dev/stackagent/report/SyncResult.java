package dev.stackagent.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.PoolOutcome;
import dev.stackagent.health.StackHealth;
import dev.stackagent.health.preflight.PreflightReport;
import dev.stackagent.verify.VerificationResult;

/**
 * The outcome of one sync of one stack, in parts: the objects (drift found, what was done), the
 * node pools (drift, outcomes, GKE waits), where the stack stands on its schedule, its assessment
 * (health, verification, preflight), the failure (a typed reason and a message; null when it
 * worked) and its timing ({@code requeueAt}: when it wants to be synced again, null for the next
 * regular resync). Built with the {@code with…} methods from {@link #of}. Object and pool changes
 * are empty when the stack is suspended (drift reported, nothing done). {@code requests}: what on-call asked through the
 * cluster ({@link ClusterRequests}), never null.
 */
public record SyncResult(
        String stack,
        String revision,
        SyncStatus status,
        Failure failure,
        Objects objects,
        Pools nodePools,
        SleepReport sleep,
        Assessment assessment,
        Timing timing,
        ClusterRequests requests) {

    /** Why the sync failed, as the step that failed names it. */
    public record Failure(FailureReason reason, String message) {
    }

    /** Drift of the Kubernetes objects before this sync, and what the sync did. */
    public record Objects(List<ObjectDiff> drift, ChangeSet changes) {
        public static final Objects NONE = new Objects(List.of(), new ChangeSet(List.of()));

        public Objects {
            drift = List.copyOf(drift);
        }
    }

    /** Drift of the node pools, what was done about them and the GKE waits it went through. */
    public record Pools(List<NodePoolDrift> drift, List<PoolOutcome> outcomes, List<String> gkeWaits) {
        public static final Pools NONE = new Pools(List.of(), List.of(), List.of());

        public Pools {
            drift = List.copyOf(drift);
            outcomes = List.copyOf(outcomes);
            gkeWaits = List.copyOf(gkeWaits);
        }
    }

    /** Health, the last verification of the model and the preflight checks (each null when not assessed). */
    public record Assessment(StackHealth health, VerificationResult verification, PreflightReport preflight) {
        public static final Assessment NONE = new Assessment(null, null, null);
    }

    public record Timing(Instant finishedAt, Duration duration, Instant requeueAt) {
    }

    /** A sync that has done nothing yet: Synced, no drift, no failure, timing not yet known. */
    public static SyncResult of(String stack, String revision) {
        return new SyncResult(stack, revision, SyncStatus.Synced, null, Objects.NONE, Pools.NONE, null, Assessment.NONE,
                new Timing(null, Duration.ZERO, null), ClusterRequests.NONE);
    }

    public SyncResult withStatus(SyncStatus s) {
        return new SyncResult(stack, revision, s, failure, objects, nodePools, sleep, assessment, timing, requests);
    }

    /** With what on-call asked through the cluster (suspend, a schedule override, a reconcile request) as this sync honoured it. */
    public SyncResult withRequests(ClusterRequests r) {
        return new SyncResult(stack, revision, status, failure, objects, nodePools, sleep, assessment, timing, r == null ? ClusterRequests.NONE : r);
    }

    /** Failed, for {@code reason}. */
    public SyncResult failed(FailureReason reason, String message) {
        return new SyncResult(stack, revision, SyncStatus.Failed, new Failure(reason, message), objects, nodePools, sleep, assessment,
                timing, requests);
    }

    public SyncResult withObjects(List<ObjectDiff> drift, ChangeSet changes) {
        return new SyncResult(stack, revision, status, failure, new Objects(drift, changes), nodePools, sleep, assessment, timing, requests);
    }

    public SyncResult withPools(Pools p) {
        return new SyncResult(stack, revision, status, failure, objects, p, sleep, assessment, timing, requests);
    }

    public SyncResult withSleep(SleepReport s) {
        return new SyncResult(stack, revision, status, failure, objects, nodePools, s, assessment, timing, requests);
    }

    public SyncResult withAssessment(Assessment a) {
        return new SyncResult(stack, revision, status, failure, objects, nodePools, sleep, a, timing, requests);
    }

    /** Finished at {@code end} after {@code took}; wants a resync when the schedule says so. */
    public SyncResult finishedAt(Instant end, Duration took) {
        Instant requeue = sleep == null ? timing.requeueAt() : earliest(timing.requeueAt(), sleep.recheckAt());
        return new SyncResult(stack, revision, status, failure, objects, nodePools, sleep, assessment, new Timing(end, took, requeue), requests);
    }

    /** Synced again no later than {@code at}. */
    public SyncResult requeueBy(Instant at) {
        return new SyncResult(stack, revision, status, failure, objects, nodePools, sleep, assessment,
                new Timing(timing.finishedAt(), timing.duration(), earliest(timing.requeueAt(), at)), requests);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    public List<ObjectDiff> drift() {
        return objects.drift();
    }

    public ChangeSet changes() {
        return objects.changes();
    }

    public List<NodePoolDrift> poolDrift() {
        return nodePools.drift();
    }

    public List<PoolOutcome> pools() {
        return nodePools.outcomes();
    }

    public List<String> gkeWaits() {
        return nodePools.gkeWaits();
    }

    public StackHealth health() {
        return assessment.health();
    }

    public VerificationResult verification() {
        return assessment.verification();
    }

    public PreflightReport preflight() {
        return assessment.preflight();
    }

    /** The failure's message, or null. */
    public String error() {
        return failure == null ? null : failure.message();
    }

    /** The failure's reason, or null. */
    public FailureReason reason() {
        return failure == null ? null : failure.reason();
    }

    public Instant finishedAt() {
        return timing.finishedAt();
    }

    public Duration duration() {
        return timing.duration();
    }

    public Instant requeueAt() {
        return timing.requeueAt();
    }

    /** Objects and node pools that differ from Git (before this sync's changes). */
    public long drifted() {
        return drift().stream().filter(ObjectDiff::drifted).count() + poolDrift().stream().filter(d -> !d.changes().isEmpty()).count();
    }
}
