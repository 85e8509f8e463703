package dev.stackagent.report;

import java.time.Instant;

import dev.stackagent.schedule.ClusterOverride;

/**
 * What on-call asked of one stack through the cluster (annotations on its {@code Stack} resource, written by
 * {@code stack-agent reconcile|suspend|resume|wake|sleep}), as a sync honoured it.
 *
 * @param reconcileRequestedAt the {@code reconcile-requested-at} value this sync handled, null when none was set
 * @param withSource           the request asked for a Git fetch first ({@code --with-source})
 * @param suspended            applying is suspended from the cluster ({@code stack-agent suspend})
 * @param suspendedReason      why, as given with {@code --reason}; null when none was given
 * @param override             the temporary schedule override ({@code stack-agent wake|sleep}) the sync applied, null for
 *                             none (absent, expired or refused)
 * @param overrideRefusal      why a requested override was not applied (longer than the policy allows, unreadable), or null
 */
public record ClusterRequests(String reconcileRequestedAt, boolean withSource, boolean suspended, String suspendedReason,
        ClusterOverride override, String overrideRefusal) {
    public static final ClusterRequests NONE = new ClusterRequests(null, false, false, null, null, null);

    /** The override's label while it is in force at {@code at} ({@code awake until ...}), else the refusal, else null. */
    public String overrideAt(Instant at) {
        if (override != null && at != null && override.activeAt(at)) {
            return override.label();
        }
        return overrideRefusal;
    }
}
