package dev.stackagent.gke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.container.v1.NodePool;
import com.google.container.v1.NodeTaint;

import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.desired.NodePoolSpec.Autoscaling;
import dev.stackagent.desired.NodePoolSpec.Taint;

/** Declared pool vs live pool: one row per rule of what is drift and what never is. */
class NodePoolDiffTest {

    /** desired, live (null = absent), current node count (-1 = unknown) -> change types and field changes. */
    record Case(String name, NodePoolSpec desired, NodePool live, int nodes, List<ChangeType> types,
            List<String> fields, boolean blocked) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final NodePoolSpec SEED = SeedPools.tpuPool();
    private static final NodePool LIVE = SeedPools.liveTpuPool();

    private static NodePool live(UnaryOperator<NodePool.Builder> change) {
        return change.apply(LIVE.toBuilder()).build();
    }

    private static NodePoolSpec only(String name, UnaryOperator<NodePoolSpecBuilder> fields) {
        return fields.apply(new NodePoolSpecBuilder(name)).build();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("absent pool is created", SEED, null, -1, List.of(ChangeType.CREATE),
                        List.of("/nodePools/tpu-v6e-pool"), false),
                new Case("seed pool as GKE reports it is in sync", SEED, LIVE, 1, List.of(), List.of(), false),
                new Case("autoscaler-changed node count is not drift", SEED, LIVE, 3, List.of(), List.of(), false),
                new Case("unknown node count with autoscaling on is not drift", SEED, LIVE, -1, List.of(), List.of(), false),
                new Case("initial_node_count is never read as the size",
                        SeedPools.asleep(SEED), live(b -> b.setInitialNodeCount(0)), 1,
                        List.of(ChangeType.SET_AUTOSCALING, ChangeType.SET_SIZE),
                        List.of("/nodePools/tpu-v6e-pool/autoscaling/enabled: true -> false",
                                "/nodePools/tpu-v6e-pool/nodeCount: 1 -> 0"), false),
                new Case("max bound change", SeedPools.withAutoscaling(SEED, new Autoscaling(true, 0, 5, null, null, null)),
                        LIVE, 1, List.of(ChangeType.SET_AUTOSCALING),
                        List.of("/nodePools/tpu-v6e-pool/autoscaling/maxNodeCount: 3 -> 5"), false),
                new Case("undeclared location policy is not compared", SEED, live(b -> {
                    b.getAutoscalingBuilder().setLocationPolicy(com.google.container.v1.NodePoolAutoscaling.LocationPolicy.ANY);
                    return b;
                }), 1, List.of(), List.of(), false),
                new Case("declared location policy is compared",
                        SeedPools.withAutoscaling(SEED, new Autoscaling(true, 0, 3, null, null, "any")), LIVE, 1,
                        List.of(ChangeType.SET_AUTOSCALING),
                        List.of("/nodePools/tpu-v6e-pool/autoscaling/locationPolicy: \"BALANCED\" -> \"ANY\""), false),
                new Case("size with autoscaling off is compared with the nodes that exist",
                        only("tpu-v6e-pool", s -> s.nodeCount(2)),
                        live(b -> b.setAutoscaling(com.google.container.v1.NodePoolAutoscaling.getDefaultInstance())), 1,
                        List.of(ChangeType.SET_SIZE), List.of("/nodePools/tpu-v6e-pool/nodeCount: 1 -> 2"), false),
                new Case("size with autoscaling off and unknown node count is not compared",
                        only("tpu-v6e-pool", s -> s.nodeCount(2)),
                        live(b -> b.setAutoscaling(com.google.container.v1.NodePoolAutoscaling.getDefaultInstance())), -1,
                        List.of(), List.of(), false),
                new Case("declared size while live autoscaling is on is not drift",
                        only("tpu-v6e-pool", s -> s.nodeCount(1)), LIVE, 3, List.of(), List.of(), false),
                new Case("GKE's own labels are ignored, a removed user label is drift",
                        only("tpu-v6e-pool", s -> s.labels(Map.of())), LIVE, 1,
                        List.of(ChangeType.UPDATE_LABELS_TAINTS),
                        List.of("/nodePools/tpu-v6e-pool/labels: {\"stack-agent.dev/stack\":\"llmd\"} -> {}"), false),
                new Case("GKE's TPU taint missing from config is not drift",
                        SEED, live(b -> {
                            b.getConfigBuilder().clearTaints();
                            return b;
                        }), 1, List.of(), List.of(), false),
                new Case("a user taint is compared, effect spelling does not matter",
                        only("tpu-v6e-pool", s -> s.taints(List.of(new Taint("dedicated", "llm", "NoSchedule")))),
                        live(b -> {
                            b.getConfigBuilder().addTaints(NodeTaint.newBuilder().setKey("dedicated").setValue("llm")
                                    .setEffect(NodeTaint.Effect.NO_SCHEDULE));
                            return b;
                        }), 1, List.of(), List.of(), false),
                new Case("a user taint GKE does not have",
                        only("tpu-v6e-pool", s -> s.taints(List.of(new Taint("dedicated", "llm", "NO_EXECUTE")))), LIVE, 1,
                        List.of(ChangeType.UPDATE_LABELS_TAINTS),
                        List.of("/nodePools/tpu-v6e-pool/taints: [] -> [{\"key\":\"dedicated\",\"value\":\"llm\",\"effect\":\"NO_EXECUTE\"}]"),
                        false),
                new Case("machine type needs replacement, blocked by default",
                        SeedPools.withMachineType(SEED, "ct6e-standard-8t", null), LIVE, 1,
                        List.of(ChangeType.REQUIRES_REPLACEMENT),
                        List.of("/nodePools/tpu-v6e-pool/machineType: \"ct6e-standard-4t\" -> \"ct6e-standard-8t\""), true),
                new Case("machine type replacement allowed",
                        SeedPools.withMachineType(SEED, "ct6e-standard-8t", true), LIVE, 1,
                        List.of(ChangeType.REQUIRES_REPLACEMENT),
                        List.of("/nodePools/tpu-v6e-pool/machineType: \"ct6e-standard-4t\" -> \"ct6e-standard-8t\""), false),
                new Case("tpu topology and spot need replacement",
                        only("tpu-v6e-pool", s -> s.tpuTopology("2x4").spot(true)), LIVE, 1,
                        List.of(ChangeType.REQUIRES_REPLACEMENT),
                        List.of("/nodePools/tpu-v6e-pool/tpuTopology: \"2x2\" -> \"2x4\"",
                                "/nodePools/tpu-v6e-pool/spot: false -> true"), true),
                new Case("node locations compared as a set",
                        only("tpu-v6e-pool", s -> s.nodeLocations(List.of("europe-west4-a", "europe-west4-b"))), LIVE, 1,
                        List.of(ChangeType.UPDATE_LOCATIONS),
                        List.of("/nodePools/tpu-v6e-pool/nodeLocations: [\"europe-west4-a\"] -> [\"europe-west4-a\",\"europe-west4-b\"]"),
                        false),
                new Case("nothing declared, nothing compared", only("tpu-v6e-pool", s -> s),
                        live(b -> b.setAutoscaling(com.google.container.v1.NodePoolAutoscaling.getDefaultInstance())), 7,
                        List.of(), List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drift(Case c) {
        NodePoolDrift drift = NodePoolDiff.diff(c.desired(), c.live(),
                c.nodes() < 0 ? OptionalInt.empty() : OptionalInt.of(c.nodes()));

        assertThat(drift.changes()).extracting(NodePoolChange::type).containsExactlyElementsOf(c.types());
        assertThat(drift.fieldChanges()).extracting(f -> c.live() == null ? f.path() : f.toString())
                .containsExactlyElementsOf(c.fields());
        assertThat(drift.blocked()).isEqualTo(c.blocked());
        assertThat(drift.inSync()).isEqualTo(c.live() != null && c.types().isEmpty());
    }

    /** Only the fields a row declares; everything else null (not declared). */
    static final class NodePoolSpecBuilder {
        private final String name;
        private String tpuTopology;
        private Boolean spot;
        private Integer nodeCount;
        private List<String> nodeLocations;
        private Map<String, String> labels;
        private List<Taint> taints;

        NodePoolSpecBuilder(String name) {
            this.name = name;
        }

        NodePoolSpecBuilder tpuTopology(String v) { tpuTopology = v; return this; }
        NodePoolSpecBuilder spot(Boolean v) { spot = v; return this; }
        NodePoolSpecBuilder nodeCount(Integer v) { nodeCount = v; return this; }
        NodePoolSpecBuilder nodeLocations(List<String> v) { nodeLocations = v; return this; }
        NodePoolSpecBuilder labels(Map<String, String> v) { labels = v; return this; }
        NodePoolSpecBuilder taints(List<Taint> v) { taints = v; return this; }

        NodePoolSpec build() {
            return new NodePoolSpec(name, null, tpuTopology, spot, nodeCount, null, nodeLocations, labels, taints,
                    null, null, null);
        }
    }
}
