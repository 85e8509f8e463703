package dev.stackagent.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.stackagent.desired.Stack;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.notify.alert.AlertKind;
import dev.stackagent.notify.alert.AlertReporter;
import dev.stackagent.notify.alert.AlertRules;
import dev.stackagent.notify.delivery.DeliveryQueue;
import dev.stackagent.notify.status.CommitState;
import dev.stackagent.notify.status.CommitStatusReporter;
import dev.stackagent.notify.status.StatusOutcome;
import dev.stackagent.report.SyncListener;
import dev.stackagent.report.SyncResult;

/**
 * Tells the commit and the on-call what the agent's loop did: a commit status per revision and stack
 * (pending when loaded, then the sync's outcome), and alerts for Warning outcomes. It only queues:
 * every HTTP request is sent by the {@link DeliveryQueue}'s own thread, so a sync never waits on a provider.
 */
public final class Notifier implements SyncListener, AutoCloseable {
    /** The last sync of a stack: the stack it applied and the status it ended with. */
    private record Last(Stack stack, StatusOutcome outcome) {
    }

    private final CommitStatusReporter statuses;
    private final AlertReporter alerts;
    private final AlertRules rules;
    private final Clock clock;
    private final DeliveryQueue queue;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<Stack>> current = name -> Optional.empty();

    /** {@code statuses} or {@code alerts} may be null (switched off); {@code queue} is closed with this. */
    public Notifier(CommitStatusReporter statuses, AlertReporter alerts, Duration transitionGrace, Clock clock, DeliveryQueue queue) {
        this.statuses = statuses;
        this.alerts = alerts != null && alerts.enabled() ? alerts : null;
        this.rules = new AlertRules(transitionGrace);
        this.clock = clock;
        this.queue = queue;
    }

    /**
     * How to read a stack's current desired state (the agent's last good version), so a new revision
     * that leaves a stack unchanged carries its last outcome instead of staying pending until a resync.
     */
    public void lookUpStacksWith(Function<String, Optional<Stack>> stacks) {
        this.current = stacks;
    }

    /** Sends {@code stack}'s alerts to {@code channels} (configured channels only), e.g. as its stack.yaml chooses; empty: the configured route. */
    public void routeAlerts(String stack, List<String> channels) {
        if (alerts != null) {
            alerts.routeStack(stack, channels);
        }
    }

    @Override
    public void synced(Stack stack, SyncResult r) {
        if (stack != null && stack.config() != null) {
            routeAlerts(stack.name(), stack.config().notifications().alerts());
        }
        if (statuses != null && stack != null && r.revision() != null) {
            StatusOutcome outcome = StatusOutcome.of(r);
            statuses.report(r.stack(), r.revision(), outcome);
            last.put(r.stack(), new Last(stack, outcome));
        }
        if (alerts == null) {
            return;
        }
        if (stack == null) {
            last.remove(r.stack());
            if (r.failure() == null) {
                alerts.resolveAll(r.stack(), r.revision());
            } else {
                alerts.fire(r.stack(), AlertKind.SyncFailed, r.reason().name(), "pruning a removed stack failed: " + r.error(), r.revision());
            }
            return;
        }
        alerts.judge(r.stack(), AlertRules.JUDGED_BY_SYNC, rules.firing(r, clock.instant()), r.revision());
    }

    @Override
    public void fetched(String revision, Duration took, String failureReason) {
        if (alerts == null) {
            return;
        }
        if (failureReason != null) {
            alerts.fire("", AlertKind.GitFetchFailed, failureReason, "git fetch failed (" + failureReason + "); the last good revision "
                    + (revision == null ? "(none yet)" : revision) + " keeps running", revision);
        } else {
            alerts.resolve("", AlertKind.GitFetchFailed, revision);
        }
    }

    @Override
    public void revisionLoaded(String stack, String revision, List<ValidationError> errors) {
        if (!errors.isEmpty()) {
            if (statuses != null) {
                statuses.report(stack, revision, StatusOutcome.rejected(errors));
            }
            if (alerts != null) {
                alerts.fire(stack, AlertKind.RevisionRejected, "ValidationFailed", errors.get(0) + (errors.size() > 1
                        ? " (+" + (errors.size() - 1) + " more)" : "") + "; the last good revision keeps running", revision);
            }
            return;
        }
        if (alerts != null) {
            alerts.resolve(stack, AlertKind.RevisionRejected, revision);
        }
        if (statuses != null) {
            Last l = last.get(stack);
            Optional<Stack> now = current.apply(stack);
            boolean unchanged = l != null && now.isPresent() && now.get().equals(l.stack()) && l.outcome().state() != CommitState.PENDING;
            statuses.report(stack, revision, unchanged ? new StatusOutcome(l.outcome().state(), "stack unchanged; "
                    + l.outcome().description()) : StatusOutcome.loaded());
        }
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
