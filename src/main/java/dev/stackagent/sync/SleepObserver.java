package dev.stackagent.sync;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDrift;
import dev.stackagent.gke.NodePoolDrift;
import dev.stackagent.gke.NodePools;
import dev.stackagent.health.Conditions;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.plan.Ownership;
import dev.stackagent.plan.Planner;
import dev.stackagent.schedule.OverlayScope;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.schedule.TransitionObservations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Looks at the cluster and GKE for the sleep/wake state machine: are the workloads at zero, are
 * the TPU nodes free of pods, are the pools at zero or back as Git has them, is the model Ready.
 */
public final class SleepObserver {
    static final String NODE_POOL_LABEL = "cloud.google.com/gke-nodepool";

    private final LiveObjects live;
    private final KubernetesClient client;
    private final NodePools pools;

    public SleepObserver(LiveObjects live, KubernetesClient client, NodePools pools) {
        this.live = live;
        this.client = client;
        this.pools = pools;
    }

    public TransitionObservations observe(Stack stack) {
        var schedule = stack.config().schedule();
        List<DesiredObject> workloads = stack.objects().stream().filter(o -> SleepOverlay.isWorkload(o, schedule)).toList();
        boolean atZero = true;
        boolean restored = true;
        boolean ready = true;
        for (DesiredObject w : workloads) {
            ObjectNode liveObject = live.get(w.ref());
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
        List<Node> sleepingNodes = sleeping.stream().flatMap(p -> nodes(p).stream()).toList(); // read once for both questions
        boolean poolsAtZero = !pools.managed() || sleepingNodes.isEmpty() && poolsInSync(stack, OverlayScope.ALL, sleeping);
        boolean poolsRestored = poolsInSync(stack, OverlayScope.NONE, sleeping);
        return new TransitionObservations(atZero, noPodsOn(sleepingNodes), poolsAtZero, poolsRestored, restored, ready);
    }

    /**
     * Whether the stack's workloads are at zero replicas live and no pod runs on the nodes of
     * {@code pools}: the condition for replacing those pools without destroying a running model.
     */
    public boolean workloadsStopped(Stack stack, Set<String> pools) {
        var schedule = stack.config().schedule();
        for (DesiredObject w : stack.objects()) {
            if (SleepOverlay.isWorkload(w, schedule)) {
                ObjectNode liveObject = live.get(w.ref());
                if (liveObject != null && liveObject.path("spec").path("replicas").asInt(-1) != 0) {
                    return false;
                }
            }
        }
        return noPodsOn(pools.stream().flatMap(p -> nodes(p).stream()).toList());
    }

    private boolean poolsInSync(Stack stack, OverlayScope scope, Set<String> sleeping) {
        if (!pools.managed() || sleeping.isEmpty()) {
            return true;
        }
        List<NodePoolSpec> specs = SleepOverlay.apply(stack, scope).config().nodePools().stream()
                .filter(p -> sleeping.contains(p.name())).toList();
        return pools.plan(stack.config().cluster(), stack.name(), specs).stream().allMatch(NodePoolDrift::inSync);
    }

    private boolean noPodsOn(List<Node> nodes) {
        for (Node node : nodes) {
            List<Pod> pods = client.pods().inAnyNamespace().withField("spec.nodeName", node.getMetadata().getName()).list().getItems();
            if (pods.stream().anyMatch(SleepObserver::occupies)) {
                return false;
            }
        }
        return true;
    }

    /** The Kubernetes Nodes of a node pool, as JSON (for their health). */
    public List<JsonNode> nodesOf(String pool) {
        return nodes(pool).stream().map(n -> (JsonNode) client.getKubernetesSerialization().convertValue(n, ObjectNode.class)).toList();
    }

    private List<Node> nodes(String pool) {
        return client.nodes().withLabel(NODE_POOL_LABEL, pool).list().getItems();
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
