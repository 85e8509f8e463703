package dev.stackagent.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.ScheduleSpec.WorkloadRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackConfig;

/**
 * The effective desired state: Git's stack with the sleep overlay on top. Pure; the input stack and
 * its object bodies are never mutated (changed bodies are deep copies).
 *
 * <p>Asleep workloads: every {@code LLMInferenceService} ({@code serving.kserve.io/*}) and every
 * object named in {@code schedule.workloads} gets {@code spec.replicas: 0}. Because KServe rejects
 * {@code spec.replicas} together with {@code spec.scaling}, {@code spec.scaling} is removed from an
 * asleep LLMInferenceService; it comes back with Git's value on waking.
 *
 * <p>Asleep node pools: those named in {@code schedule.nodePools}, or by default every declared TPU
 * pool (a {@code tpuTopology}, or a machine type starting with {@code ct}), get
 * {@code nodeCount: 0} and {@code autoscaling: {enabled: false}} with no other autoscaling field
 * declared, so the autoscaler cannot bring nodes back while asleep. Names in
 * {@code schedule.nodePools} that the stack does not declare are ignored here (validation's job).
 */
public final class SleepOverlay {
    static final String KSERVE_GROUP = "serving.kserve.io";
    static final String LLM_INFERENCE_SERVICE = "LLMInferenceService";

    private SleepOverlay() {
    }

    /** The stack as the schedule wants it now: unchanged when awake, fully asleep when asleep. */
    public static Stack apply(Stack stack, ScheduleDecision decision) {
        return apply(stack, OverlayScope.of(decision.state()));
    }

    /** The stack with the given parts asleep; the same instance when nothing is asleep. */
    public static Stack apply(Stack stack, OverlayScope scope) {
        if (!scope.workloads() && !scope.nodePools()) {
            return stack;
        }
        ScheduleSpec schedule = stack.config().schedule();
        List<DesiredObject> objects = scope.workloads() ? sleepWorkloads(stack.objects(), schedule) : stack.objects();
        StackConfig config = scope.nodePools() ? sleepPools(stack.config()) : stack.config();
        return new Stack(stack.name(), stack.dir(), config, objects);
    }

    /** True when the object is scaled to zero while asleep. */
    public static boolean isWorkload(DesiredObject o, ScheduleSpec schedule) {
        if (isLlmInferenceService(o)) {
            return true;
        }
        if (schedule == null) {
            return false;
        }
        for (WorkloadRef w : schedule.workloads()) {
            if (w.kind() != null && w.kind().equals(o.ref().kind())
                    && w.name() != null && w.name().equals(o.ref().name())
                    && (w.namespace() == null || w.namespace().equals(o.ref().namespace()))) {
                return true;
            }
        }
        return false;
    }

    /** The names of the node pools that go to zero while asleep. */
    public static Set<String> sleepingPoolNames(StackConfig config) {
        ScheduleSpec schedule = config.schedule();
        if (schedule != null && schedule.nodePools() != null) {
            return Set.copyOf(schedule.nodePools());
        }
        return config.nodePools().stream().filter(SleepOverlay::isTpuPool).map(NodePoolSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /** A TPU pool: it declares a TPU topology, or its machine type is a TPU one ({@code ct...}). */
    public static boolean isTpuPool(NodePoolSpec pool) {
        return pool.tpuTopology() != null
                || (pool.machineType() != null && pool.machineType().toLowerCase(Locale.ROOT).startsWith("ct"));
    }

    private static boolean isLlmInferenceService(DesiredObject o) {
        return KSERVE_GROUP.equals(o.ref().group()) && LLM_INFERENCE_SERVICE.equals(o.ref().kind());
    }

    private static List<DesiredObject> sleepWorkloads(List<DesiredObject> objects, ScheduleSpec schedule) {
        List<DesiredObject> out = new ArrayList<>(objects.size());
        for (DesiredObject o : objects) {
            out.add(isWorkload(o, schedule) ? atZero(o) : o);
        }
        return out;
    }

    private static DesiredObject atZero(DesiredObject o) {
        ObjectNode body = o.body().deepCopy();
        ObjectNode spec = body.has("spec") && body.get("spec").isObject() ? (ObjectNode) body.get("spec") : body.putObject("spec");
        spec.put("replicas", 0);
        if (isLlmInferenceService(o)) {
            spec.remove("scaling");
        }
        return new DesiredObject(o.ref(), body, o.file(), o.line());
    }

    private static StackConfig sleepPools(StackConfig c) {
        Set<String> sleeping = sleepingPoolNames(c);
        List<NodePoolSpec> pools = c.nodePools().stream()
                .map(p -> sleeping.contains(p.name()) ? atZero(p) : p)
                .toList();
        return new StackConfig(c.apiVersion(), c.kind(), c.cluster(), c.namespaces(), c.manifests(), c.secretCopies(),
                pools, c.schedule(), c.verification(), c.options(), c.notifications());
    }

    private static NodePoolSpec atZero(NodePoolSpec p) {
        return new NodePoolSpec(p.name(), p.machineType(), p.tpuTopology(), p.spot(), 0,
                new NodePoolSpec.Autoscaling(false, null, null, null, null, null),
                p.nodeLocations(), p.labels(), p.taints(), p.diskSizeGb(), p.diskType(), p.allowReplacement());
    }
}
