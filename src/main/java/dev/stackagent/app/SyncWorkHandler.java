package dev.stackagent.app;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.stackagent.sync.Agent;
import dev.stackagent.report.ClusterRequests;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.triggers.Outcome;
import dev.stackagent.triggers.WorkHandler;
import dev.stackagent.triggers.WorkQueue;

/**
 * What the work queue does with a key: {@code @git-fetch} fetches Git and queues the stacks whose
 * desired state changed; a stack name syncs that stack (on the leader only) and, when the stack
 * asks to be looked at again (a schedule transition, a wait for Ready), queues it for that instant. A stack is synced
 * with what on-call asked through its {@code Stack} resource; a pending {@code reconcile --with-source} fetches Git first.
 */
@Singleton
public class SyncWorkHandler implements WorkHandler {
    @Inject
    Agent agent;
    @Inject
    WorkQueue queue;
    @Inject
    AgentRuntime runtime;
    @Inject
    Clock clock;

    @Override
    public Outcome handle(String key) {
        if (WorkQueue.GIT_FETCH.equals(key)) {
            var changed = agent.refresh();
            runtime.fetched(clock.instant());
            queue.enqueueAll(changed);
            runtime.kindsMayHaveChanged();
            return Outcome.success();
        }
        if (!runtime.leading()) {
            return Outcome.success(); // followers never apply; the leader owns every stack
        }
        ClusterRequests requests = runtime.requests(key);
        if (requests.withSource() && runtime.reconcilePending(key)) { // stack-agent reconcile --with-source: Git first
            var changed = agent.refresh();
            runtime.fetched(clock.instant());
            queue.enqueueAll(changed.stream().filter(s -> !s.equals(key)).toList());
            runtime.kindsMayHaveChanged();
            requests = runtime.requests(key);
        }
        SyncResult r = agent.sync(key, requests);
        if (r.requeueAt() != null) {
            Duration in = Duration.between(clock.instant(), r.requeueAt());
            queue.enqueueAfter(key, in.isNegative() ? Duration.ZERO : in);
        }
        return r.status() == SyncStatus.Failed ? Outcome.failure(r.error()) : Outcome.success();
    }

}
