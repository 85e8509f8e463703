package dev.stackagent.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.live.StackSnapshot;
import dev.stackagent.plan.Plan;
import dev.stackagent.plan.Planner;
import dev.stackagent.schedule.ClusterOverride;
import dev.stackagent.schedule.OverlayScope;
import dev.stackagent.schedule.SleepOverlay;

/**
 * What a sync would do, read-only: the one read of the cluster ({@link StackSnapshot}), then pure
 * steps — the schedule's next step, the sleep overlay, the pools to replace, the object plan and the
 * pools' drift. Used by {@code plan} and by {@link StackSync}, whose sync is this preview plus its apply.
 */
public final class StackPreviewer {
    private final PreviewParts parts;
    private final ScheduleStep schedule;

    public StackPreviewer(PreviewParts parts) {
        this.parts = parts;
        this.schedule = new ScheduleStep(new SleepObserver(parts.pools()), parts.sleepProgress());
    }

    /** What a sync of {@code stack} at {@code at} would do; reads the cluster, changes nothing. */
    public Preview preview(Stack stack, Instant at) {
        return preview(stack, at, null);
    }

    /** As above with a cluster override ({@code stack-agent wake|sleep}; null for none) on top of Git's schedule. */
    public Preview preview(Stack stack, Instant at, ClusterOverride cluster) {
        StackSnapshot live = parts.reader().read(stack);
        boolean suspended = stack.config().options().suspended();
        ScheduleStep.Next next = schedule.step(stack, at, live, cluster);
        Stack effective = next == null ? stack : SleepOverlay.apply(stack, next.report().progress().overlayScope());
        List<NodePoolSpec> replacing = suspended ? List.of() : allowedReplacements(effective, live);
        if (!replacing.isEmpty()) {
            effective = SleepOverlay.apply(effective, OverlayScope.WORKLOADS); // stop the workload before its pool goes
        }
        List<DesiredObject> desired = new ArrayList<>(effective.objects());
        desired.addAll(live.secretCopies());
        Plan plan = Planner.plan(stack.name(), desired, live.objects(), live.inventory().objects(),
                stack.config().options().pruneEnabled(), parts.policy());
        List<NodePoolDrift> poolDrift = parts.pools().plan(stack.config().cluster(), stack.name(), effective.config().nodePools(), live.pools());
        return new Preview(stack, live, next == null ? null : next.report(), next != null && next.changed(), effective, replacing, plan,
                poolDrift);
    }

    /** Pools whose drift needs replacement and whose stack allows it ({@code allowReplacement: true}). */
    private List<NodePoolSpec> allowedReplacements(Stack stack, StackSnapshot live) {
        List<NodePoolSpec> candidates = stack.config().nodePools().stream().filter(NodePoolSpec::replacementAllowed).toList();
        if (candidates.isEmpty() || !parts.pools().managed()) {
            return List.of();
        }
        List<NodePoolDrift> drift = parts.pools().plan(stack.config().cluster(), stack.name(), candidates, live.pools());
        return candidates.stream().filter(c -> drift.stream().anyMatch(d -> d.pool().equals(c.name()) && d.needsReplacement() && !d.blocked()))
                .toList();
    }
}
