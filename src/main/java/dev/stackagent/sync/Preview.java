package dev.stackagent.sync;

import java.util.List;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.live.StackSnapshot;
import dev.stackagent.plan.Plan;
import dev.stackagent.report.SleepReport;

/**
 * What one sync of a stack would do, without changing anything: the cluster as read once
 * ({@code live}), where the stack stands on its schedule, the effective desired state (Git plus the
 * sleep overlay; {@code sleepChanged}: the schedule moved a step, to be recorded when applying), the pools it would replace, the object plan and the node pools' drift. {@code plan}
 * and the agent both use it; the agent's sync is a preview followed by its apply.
 */
public record Preview(Stack stack, StackSnapshot live, SleepReport sleep, boolean sleepChanged, Stack effective, List<NodePoolSpec> replacing, Plan plan,
        List<NodePoolDrift> poolDrift) {
    public Preview {
        replacing = List.copyOf(replacing);
        poolDrift = List.copyOf(poolDrift);
    }

    /** True when neither an object nor a node pool differs from the effective desired state. */
    public boolean inSync() {
        return plan.inSync() && poolDrift.stream().allMatch(d -> d.changes().isEmpty());
    }
}
