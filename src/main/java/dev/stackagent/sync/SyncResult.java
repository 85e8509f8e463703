package dev.stackagent.sync;

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
 * The outcome of one sync of one stack: the drift found (objects and node pools), what was done
 * about it (with the GKE waits it went through: busy cluster, running operations), where the stack stands on its schedule, any error, and when it wants to be synced
 * again ({@code requeueAt}, null for "at the next regular resync"), its health and the last
 * verification of the model (null when not assessed).
 * {@code changes} and {@code pools} are empty when the stack is suspended (drift reported, nothing done).
 */
public record SyncResult(
        String stack,
        String revision,
        SyncStatus status,
        List<ObjectDiff> drift,
        ChangeSet changes,
        List<NodePoolDrift> poolDrift,
        List<PoolOutcome> pools,
        List<String> gkeWaits,
        SleepReport sleep,
        StackHealth health,
        VerificationResult verification,
        PreflightReport preflight,
        String error,
        Instant finishedAt,
        Duration duration,
        Instant requeueAt) {

    public SyncResult {
        drift = List.copyOf(drift);
        poolDrift = List.copyOf(poolDrift);
        pools = List.copyOf(pools);
        gkeWaits = List.copyOf(gkeWaits);
    }

    /** Objects and node pools that differ from Git (before this sync's changes). */
    public long drifted() {
        return drift.stream().filter(ObjectDiff::drifted).count() + poolDrift.stream().filter(d -> !d.changes().isEmpty()).count();
    }
}
