package dev.stackagent.sync;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDrift;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.NodePools;
import dev.stackagent.kube.Conditions;
import dev.stackagent.live.StackSnapshot;
import dev.stackagent.plan.Ownership;
import dev.stackagent.plan.Planner;
import dev.stackagent.schedule.OverlayScope;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.schedule.TransitionObservations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * What the sleep/wake state machine needs to know, read off the sync's {@link StackSnapshot} (no
 * call of its own): are the workloads at zero, are the TPU nodes free of pods, are the pools at
 * zero or back as Git has them, is the model Ready.
 */
final class SleepObserver {
    private final NodePools pools;

    SleepObserver(NodePools pools) {
        this.pools = pools;
    }

    TransitionObservations observe(Stack stack, StackSnapshot live) {
        var schedule = stack.config().schedule();
        List<DesiredObject> workloads = stack.objects().stream().filter(o -> SleepOverlay.isWorkload(o, schedule)).toList();
        boolean atZero = true;
        boolean restored = true;
        boolean ready = true;
        for (DesiredObject w : workloads) {
            ObjectNode liveObject = live.object(w.ref());
            if (liveObject == null) {
                restored = false;
                ready = false;
                continue;
            }
            atZero &= liveObject.path("spec").path("replicas").asInt(-1) == 0;
            ObjectNode desired = Ownership.stamp(w, stack.name());
            restored &= ObjectDrift.diff(w.ref(), desired, liveObject, Planner.lastAppliedOf(liveObject)).action() == Action.UNCHANGED;
            if ("LLMInferenceService".equals(w.ref().kind())) {
                ready &= Conditions.isTrue(liveObject.path("status").path("conditions"), "Ready");
            }
        }
        Set<String> sleeping = SleepOverlay.sleepingPoolNames(stack.config());
        List<Node> sleepingNodes = sleeping.stream().flatMap(p -> live.nodes(p).stream()).toList();
        boolean poolsAtZero = !pools.managed() || sleepingNodes.isEmpty() && poolsInSync(stack, OverlayScope.ALL, sleeping, live);
        boolean poolsRestored = poolsInSync(stack, OverlayScope.NONE, sleeping, live);
        return new TransitionObservations(atZero, noPodsOn(sleepingNodes, live), poolsAtZero, poolsRestored, restored, ready);
    }

    /**
     * Whether the stack's workloads are at zero replicas live and no pod runs on the nodes of
     * {@code poolNames}: the condition for replacing those pools without destroying a running model.
     */
    boolean workloadsStopped(Stack stack, Set<String> poolNames, StackSnapshot live) {
        var schedule = stack.config().schedule();
        for (DesiredObject w : stack.objects()) {
            if (SleepOverlay.isWorkload(w, schedule)) {
                ObjectNode liveObject = live.object(w.ref());
                if (liveObject != null && liveObject.path("spec").path("replicas").asInt(-1) != 0) {
                    return false;
                }
            }
        }
        return noPodsOn(poolNames.stream().flatMap(p -> live.nodes(p).stream()).toList(), live);
    }

    private boolean poolsInSync(Stack stack, OverlayScope scope, Set<String> sleeping, StackSnapshot live) {
        if (!pools.managed() || sleeping.isEmpty()) {
            return true;
        }
        List<NodePoolSpec> specs = SleepOverlay.apply(stack, scope).config().nodePools().stream()
                .filter(p -> sleeping.contains(p.name())).toList();
        return pools.plan(stack.config().cluster(), stack.name(), specs, live.pools()).stream().allMatch(NodePoolDrift::inSync);
    }

    private static boolean noPodsOn(List<Node> nodes, StackSnapshot live) {
        return nodes.stream().noneMatch(n -> live.pods(n.getMetadata().getName()).stream().anyMatch(SleepObserver::occupies));
    }

    /** A pod that keeps a node busy: running or pending, and not a DaemonSet's. */
    static boolean occupies(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        return pod.getMetadata().getOwnerReferences() == null
                || pod.getMetadata().getOwnerReferences().stream().noneMatch(o -> "DaemonSet".equals(o.getKind()));
    }
}
