package dev.stackagent.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncListener;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;

/** The latest status of every stack this agent reconciles, in memory; written by the loop, read by the API. */
@ApplicationScoped
public class StatusStore implements SyncListener {
    private final Map<String, StackStatus> stacks = new ConcurrentSkipListMap<>();
    private volatile String gitError;

    @Override
    public void synced(dev.stackagent.desired.Stack stack, SyncResult r) {
        if (stack != null) {
            recordSync(r);
            boolean inGit = stack.config().options().suspended();
            var q = r.requests();
            StackStatus.Requests requests = new StackStatus.Requests(q.suspended() || inGit,
                    q.suspended() ? q.suspendedReason() : inGit ? "options.suspend in Git" : null, q.overrideAt(r.finishedAt()),
                    q.reconcileRequestedAt());
            stacks.computeIfPresent(r.stack(), (k, s) -> with(s, requests));
        }
    }

    private static StackStatus with(StackStatus s, StackStatus.Requests r) {
        return new StackStatus(s.stack(), s.revision(), s.desiredRevision(), s.sync(), s.lastError(), s.reason(), s.validationErrors(),
                s.lastSyncTime(), s.lastSuccessfulSyncTime(), s.objects(), s.health(), s.healthMessage(), s.schedule(), s.nodePools(),
                s.verification(), s.preflight(), r);
    }

    @Override
    public void gitError(String message) {
        recordGitError(message);
    }

    @Override
    public void revisionLoaded(String stack, String revision, List<ValidationError> errors) {
        recordRevision(stack, revision, errors);
    }

    @Override
    public void forgotten(String stack) {
        forget(stack);
    }

    public void recordSync(SyncResult r) {
        StackStatus prev = stacks.get(r.stack());
        List<StackStatus.ObjectStatus> objects = new ArrayList<>();
        Map<String, ChangeSet.Entry> byKey = new java.util.HashMap<>();
        r.changes().entries().forEach(e -> byKey.put(e.ref().key(), e));
        for (ObjectDiff d : r.drift()) {
            ChangeSet.Entry e = byKey.get(d.ref().key());
            String action = e != null ? e.result().name().toLowerCase(Locale.ROOT) : d.action().name().toLowerCase(Locale.ROOT);
            String message = e != null ? e.message() : d.reason();
            objects.add(new StackStatus.ObjectStatus(d.ref().apiVersion(), d.ref().kind(), d.ref().namespace(), d.ref().name(),
                    action, d.changes().stream().map(FieldChange::path).toList(), message));
        }
        boolean ok = r.status() != SyncStatus.Failed;
        // A rejected newer revision keeps the stack Failed (with its errors) while the last good one is kept in sync.
        boolean rejected = prev != null && !prev.validationErrors().isEmpty();
        String sync = rejected ? SyncStatus.Failed.name() : r.status().name();
        String error = r.error() != null ? r.error() : rejected ? prev.lastError() : null;
        stacks.put(r.stack(), new StackStatus(r.stack(), ok ? r.revision() : prev == null ? null : prev.revision(),
                prev == null || prev.desiredRevision() == null ? r.revision() : prev.desiredRevision(),
                sync, error, r.reason() != null ? r.reason().name() : rejected ? prev.reason() : null,
                prev == null ? List.of() : prev.validationErrors(), r.finishedAt(),
                ok ? r.finishedAt() : prev == null ? null : prev.lastSuccessfulSyncTime(), objects,
                r.health() == null ? prev == null ? null : prev.health() : r.health().health().status().name(),
                r.health() == null ? prev == null ? null : prev.healthMessage() : r.health().health().message(),
                r.sleep() == null ? null : new StackStatus.Schedule(r.sleep().state(), r.sleep().progress().step().name(),
                        r.sleep().decision().detail(), r.sleep().decision().nextTransition()),
                java.util.stream.Stream.concat(r.poolDrift().stream().map(d -> d.summary()), r.gkeWaits().stream().map(w -> "waited: " + w)).toList(),
                r.verification() == null ? null : new StackStatus.Verification(r.verification().passed(),
                        r.verification().url() == null ? null : r.verification().url().toString(), r.verification().summary(),
                        r.verification().at()),
                r.preflight() == null ? prev == null ? List.of() : prev.preflight()
                        : r.preflight().results().stream().map(c -> c.name() + ": " + c.outcome() + (c.message() == null ? "" : " (" + c.message() + ")")).toList(),
                prev == null ? StackStatus.Requests.NONE : prev.requests()));
    }

    /** A new revision was seen: for a rejected stack, its errors; for a valid one, an empty list. */
    public void recordRevision(String stack, String revision, List<ValidationError> errors) {
        stacks.compute(stack, (k, prev) -> new StackStatus(stack, prev == null ? null : prev.revision(), revision,
                errors.isEmpty() ? (prev == null ? SyncStatus.OutOfSync.name() : prev.sync()) : SyncStatus.Failed.name(),
                errors.isEmpty() ? (prev == null ? null : prev.lastError())
                        : "revision " + shortRev(revision) + " rejected: " + errors.size() + " validation error(s); still applying revision "
                                + (prev == null || prev.revision() == null ? "(none)" : shortRev(prev.revision())),
                errors.isEmpty() ? (prev == null ? null : prev.reason()) : FailureReason.ValidationFailed.name(),
                errors.stream().map(ValidationError::toString).toList(),
                prev == null ? null : prev.lastSyncTime(), prev == null ? null : prev.lastSuccessfulSyncTime(),
                prev == null ? List.of() : prev.objects(), prev == null ? null : prev.health(), prev == null ? null : prev.healthMessage(),
                prev == null ? null : prev.schedule(), prev == null ? List.of() : prev.nodePools(), prev == null ? null : prev.verification(),
                prev == null ? List.of() : prev.preflight(), prev == null ? StackStatus.Requests.NONE : prev.requests()));
    }

    public void forget(String stack) {
        stacks.remove(stack);
    }

    public void recordGitError(String message) {
        this.gitError = message;
    }

    public Optional<String> gitError() {
        return Optional.ofNullable(gitError);
    }

    public Collection<StackStatus> all() {
        return List.copyOf(stacks.values());
    }

    public Optional<StackStatus> get(String stack) {
        return Optional.ofNullable(stacks.get(stack));
    }

    private static String shortRev(String r) {
        return r == null ? "-" : r.length() > 12 ? r.substring(0, 12) : r;
    }
}
