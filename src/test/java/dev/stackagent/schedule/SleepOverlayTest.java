package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.ScheduleSpec.WorkloadRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackConfig;

/** The sleep overlay as a table: stack + scope -> what each object's spec and each pool become. */
class SleepOverlayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "llm-d-inference-scheduling";

    record Case(String name, Stack stack, OverlayScope scope, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("awake: unchanged", stack(schedule(null, null), llmisvc("{\"replicas\":1}")), OverlayScope.NONE, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":1}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=1 autoscaling=true 0..3")),
                new Case("asleep: LLMInferenceService to zero, TPU pool to zero", stack(schedule(null, null), llmisvc("{\"replicas\":1}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")),
                new Case("asleep: spec.scaling removed", stack(schedule(null, null), llmisvc("{\"scaling\":{\"minReplicas\":1,\"maxReplicas\":2},\"model\":{\"name\":\"q\"}}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"model\":{\"name\":\"q\"},\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")),
                new Case("asleep: no replicas in Git", stack(schedule(null, null), llmisvc(null)), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")),
                new Case("asleep: named workload, kind must match", stack(schedule(List.of(new WorkloadRef("Deployment", "helper", null)), null), llmisvc("{\"replicas\":1}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":0}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")),
                new Case("asleep: named workload in another namespace", stack(schedule(List.of(new WorkloadRef("Deployment", "helper", "other")), null), llmisvc("{\"replicas\":1}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")),
                new Case("asleep: named pools replace the TPU default", stack(schedule(null, List.of("default-pool")), llmisvc("{\"replicas\":1}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=0 autoscaling=false null..null",
                        "pool tpu-v6e-pool nodes=1 autoscaling=true 0..3")),
                new Case("falling asleep: workloads only", stack(schedule(null, null), llmisvc("{\"replicas\":1}")), OverlayScope.WORKLOADS, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=1 autoscaling=true 0..3")),
                new Case("asleep without a schedule section still scales LLMInferenceService", stack(null, llmisvc("{\"replicas\":1}")), OverlayScope.ALL, List.of(
                        "LLMInferenceService qwen2-3b-pattern1 {\"replicas\":0}",
                        "Service helper {\"ports\":[]}",
                        "Deployment helper {\"replicas\":2}",
                        "pool default-pool nodes=2 autoscaling=null",
                        "pool tpu-v6e-pool nodes=0 autoscaling=false null..null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void overlays(Case c) {
        assertThat(summary(SleepOverlay.apply(c.stack(), c.scope()))).containsExactlyElementsOf(c.expected());
    }

    @Test
    void neverMutatesTheInput() {
        Stack git = stack(schedule(List.of(new WorkloadRef("Deployment", "helper", null)), null),
                llmisvc("{\"replicas\":1,\"scaling\":{\"maxReplicas\":2}}"));
        List<String> before = summary(git);

        Stack asleep = SleepOverlay.apply(git, OverlayScope.ALL);

        assertThat(summary(git)).isEqualTo(before);
        assertThat(asleep.objects().get(0).body()).isNotSameAs(git.objects().get(0).body());
    }

    @Test
    void awakeDecisionReturnsTheSameStack() {
        Stack git = stack(schedule(null, null), llmisvc("{\"replicas\":1}"));
        ScheduleDecision awake = new ScheduleDecision(ScheduleState.AWAKE, DecisionReason.WINDOW, "window", false, null);
        ScheduleDecision asleep = new ScheduleDecision(ScheduleState.ASLEEP, DecisionReason.OUTSIDE_WINDOWS, "outside", false, null);

        assertThat(SleepOverlay.apply(git, awake)).isSameAs(git);
        assertThat(summary(SleepOverlay.apply(git, asleep))).contains("pool tpu-v6e-pool nodes=0 autoscaling=false null..null");
    }

    @Test
    void tpuPoolsAreRecognisedByTopologyOrMachineType() {
        assertThat(SleepOverlay.isTpuPool(pool("a", "ct5lp-hightpu-4t", null, null, null))).isTrue();
        assertThat(SleepOverlay.isTpuPool(pool("b", null, "2x2", null, null))).isTrue();
        assertThat(SleepOverlay.isTpuPool(pool("c", "n1-standard-4", null, null, null))).isFalse();
        assertThat(SleepOverlay.isTpuPool(pool("d", "e2-standard-8", null, null, null))).isFalse();
    }

    static List<String> summary(Stack s) {
        List<String> out = new ArrayList<>();
        for (DesiredObject o : s.objects()) {
            out.add(o.ref().kind() + " " + o.ref().name() + " " + o.body().get("spec"));
        }
        for (NodePoolSpec p : s.config().nodePools()) {
            NodePoolSpec.Autoscaling a = p.autoscaling();
            out.add("pool " + p.name() + " nodes=" + p.nodeCount() + " autoscaling="
                    + (a == null ? "null" : a.enabled() + " " + a.minNodeCount() + ".." + a.maxNodeCount()));
        }
        return out;
    }

    static ScheduleSpec schedule(List<WorkloadRef> workloads, List<String> pools) {
        return new ScheduleSpec("Europe/Amsterdam", List.of(), null, null, Duration.ofMinutes(20), null, workloads, pools);
    }

    static DesiredObject llmisvc(String spec) {
        return object("serving.kserve.io/v1alpha1", "LLMInferenceService", "qwen2-3b-pattern1", spec);
    }

    static Stack stack(ScheduleSpec schedule, DesiredObject model) {
        List<DesiredObject> objects = List.of(model,
                object("v1", "Service", "helper", "{\"ports\":[]}"),
                object("apps/v1", "Deployment", "helper", "{\"replicas\":2}"));
        List<NodePoolSpec> pools = List.of(
                pool("default-pool", "n1-standard-4", null, 2, null),
                pool("tpu-v6e-pool", "ct6e-standard-4t", "2x2", 1, new NodePoolSpec.Autoscaling(true, 0, 3, null, null, null)));
        StackConfig config = new StackConfig(StackConfig.API_VERSION, StackConfig.KIND, null, null, null, null, pools, schedule, null, null);
        return new Stack("pattern1", "stacks/pattern1", config, objects);
    }

    static NodePoolSpec pool(String name, String machineType, String topology, Integer nodes, NodePoolSpec.Autoscaling autoscaling) {
        return new NodePoolSpec(name, machineType, topology, null, nodes, autoscaling, null, null, null, null, null, null);
    }

    static DesiredObject object(String apiVersion, String kind, String name, String spec) {
        try {
            ObjectNode body = JSON.createObjectNode();
            body.put("apiVersion", apiVersion).put("kind", kind);
            body.putObject("metadata").put("name", name).put("namespace", NS);
            if (spec != null) {
                body.set("spec", JSON.readTree(spec));
            }
            return new DesiredObject(new ObjectRef(apiVersion, kind, NS, name), body, "stacks/pattern1/model.yaml", 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
