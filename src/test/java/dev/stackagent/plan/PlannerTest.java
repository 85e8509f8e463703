package dev.stackagent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;

/** The order work is done in, what is pruned and what is only forgotten. */
class PlannerTest {
    static final String STACK = "qwen";
    static final String NS = "team-a";

    static final ObjectRef NAMESPACE = new ObjectRef("v1", "Namespace", null, NS);
    static final ObjectRef SERVICE_ACCOUNT = ref("v1", "ServiceAccount", "runner");
    static final ObjectRef CONFIG_MAP = ref("v1", "ConfigMap", "settings");
    static final ObjectRef SECRET = ref("v1", "Secret", "pull");
    static final ObjectRef ROLE = ref("rbac.authorization.k8s.io/v1", "Role", "reader");
    static final ObjectRef POLICY = ref("networking.k8s.io/v1", "NetworkPolicy", "default-deny");
    static final ObjectRef SERVICE = ref("v1", "Service", "web");
    static final ObjectRef HPA = ref("autoscaling/v2", "HorizontalPodAutoscaler", "web");
    static final ObjectRef DEPLOYMENT = ref("apps/v1", "Deployment", "web");
    static final ObjectRef LLMISVC = ref("serving.kserve.io/v1alpha1", "LLMInferenceService", "qwen2-3b");

    static final List<ObjectRef> APPLY_ORDER = List.of(NAMESPACE, CONFIG_MAP, SECRET, SERVICE_ACCOUNT, ROLE, POLICY,
            SERVICE, HPA, DEPLOYMENT, LLMISVC);

    static ObjectRef ref(String apiVersion, String kind, String name) {
        return new ObjectRef(apiVersion, kind, NS, name);
    }

    static DesiredObject desired(ObjectRef ref) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", ref.apiVersion()).put("kind", ref.kind());
        ObjectNode meta = body.putObject("metadata").put("name", ref.name());
        if (ref.namespace() != null) meta.put("namespace", ref.namespace());
        body.putObject("spec").put("replicas", 1);
        return new DesiredObject(ref, body, "stacks/qwen/x.yaml", 1);
    }

    /** The object live, as the agent left it for {@code stack} (null: not labelled). */
    static ObjectNode live(ObjectRef ref, String stack) {
        ObjectNode body = desired(ref).body().deepCopy();
        if (stack != null) {
            ((ObjectNode) body.get("metadata")).putObject("labels")
                    .put(Ownership.MANAGED_BY, Ownership.MANAGER).put(Ownership.STACK_LABEL, stack);
        }
        return body;
    }

    static Map<String, ObjectNode> liveMap(Map<ObjectRef, ObjectNode> objects) {
        Map<String, ObjectNode> out = new HashMap<>();
        objects.forEach((r, o) -> out.put(r.key(), o));
        return out;
    }

    static Stream<Arguments> shuffles() {
        return Stream.of(
                Arguments.of(List.of(LLMISVC, DEPLOYMENT, HPA, SERVICE, POLICY, ROLE, SERVICE_ACCOUNT, SECRET, CONFIG_MAP, NAMESPACE)),
                Arguments.of(List.of(POLICY, NAMESPACE, LLMISVC, CONFIG_MAP, HPA, SERVICE_ACCOUNT, DEPLOYMENT, SECRET, SERVICE, ROLE)));
    }

    @ParameterizedTest
    @MethodSource("shuffles")
    void appliesInKindOrderWhateverTheGitOrder(List<ObjectRef> gitOrder) {
        Plan plan = Planner.plan(STACK, gitOrder.stream().map(PlannerTest::desired).toList(), Map.of(), List.of(), true);

        assertThat(plan.steps()).extracting(s -> s.diff().ref()).containsExactlyElementsOf(APPLY_ORDER);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.diff().action()).isEqualTo(Action.CREATE));
        assertThat(plan.count(Action.CREATE)).isEqualTo(APPLY_ORDER.size());
        assertThat(plan.inSync()).isFalse();
    }

    @Test
    void prunesInReverseKindOrder() {
        Map<ObjectRef, ObjectNode> live = new HashMap<>();
        APPLY_ORDER.forEach(r -> live.put(r, live(r, STACK)));

        Plan plan = Planner.plan(STACK, List.of(), liveMap(live), APPLY_ORDER, true);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.prunes()).extracting(ObjectDiff::ref)
                .containsExactlyElementsOf(APPLY_ORDER.stream().sorted(KindOrder.PRUNE).toList())
                .first().isEqualTo(LLMISVC);
        assertThat(plan.prunes()).extracting(ObjectDiff::ref).last().isEqualTo(NAMESPACE);
        assertThat(plan.prunes()).allSatisfy(d -> assertThat(d.action()).isEqualTo(Action.PRUNE));
        assertThat(plan.released()).isEmpty();
    }

    @Test
    void pruneOnlyWhenEnabled() {
        Map<String, ObjectNode> live = liveMap(Map.of(DEPLOYMENT, live(DEPLOYMENT, STACK)));

        Plan disabled = Planner.plan(STACK, List.of(), live, List.of(DEPLOYMENT), false);
        Plan enabled = Planner.plan(STACK, List.of(), live, List.of(DEPLOYMENT), true);

        assertThat(disabled.prunes()).isEmpty();
        assertThat(disabled.released()).isEmpty();
        assertThat(disabled.inSync()).isTrue();
        assertThat(enabled.prunes()).extracting(ObjectDiff::ref).containsExactly(DEPLOYMENT);
        assertThat(enabled.inSync()).isFalse();
    }

    @Test
    void objectsStillInGitAreNotPruned() {
        Map<String, ObjectNode> live = liveMap(Map.of(CONFIG_MAP, live(CONFIG_MAP, STACK)));

        Plan plan = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), live, List.of(CONFIG_MAP), true);

        assertThat(plan.prunes()).isEmpty();
        assertThat(plan.released()).isEmpty();
        assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(s.diff().action()).isEqualTo(Action.UNCHANGED));
        assertThat(plan.inSync()).isTrue();
    }

    @Test
    void objectNoLongerLabelledForTheStackIsReleasedNotPruned() {
        Map<String, ObjectNode> live = liveMap(Map.of(
                DEPLOYMENT, live(DEPLOYMENT, null),
                SERVICE, live(SERVICE, "another-stack"),
                CONFIG_MAP, live(CONFIG_MAP, STACK)));

        Plan plan = Planner.plan(STACK, List.of(), live, List.of(DEPLOYMENT, SERVICE, CONFIG_MAP), true);

        assertThat(plan.prunes()).extracting(ObjectDiff::ref).containsExactly(CONFIG_MAP);
        assertThat(plan.released()).containsExactlyInAnyOrder(DEPLOYMENT, SERVICE);
    }

    @Test
    void inventoryEntriesAlreadyGoneAreReleased() {
        Plan enabled = Planner.plan(STACK, List.of(), Map.of(), List.of(DEPLOYMENT, CONFIG_MAP), true);
        Plan disabled = Planner.plan(STACK, List.of(), Map.of(), List.of(DEPLOYMENT), false);

        assertThat(enabled.prunes()).isEmpty();
        assertThat(enabled.released()).containsExactly(DEPLOYMENT, CONFIG_MAP);
        assertThat(disabled.released()).containsExactly(DEPLOYMENT);
    }

    @Test
    void prunedObjectControlledByAnotherControllerIsSkipped() {
        ObjectNode route = live(SERVICE, STACK);
        ((ObjectNode) route.get("metadata")).putArray("ownerReferences").addObject()
                .put("kind", "LLMInferenceService").put("name", "qwen2-3b").put("controller", true);

        Plan plan = Planner.plan(STACK, List.of(), liveMap(Map.of(SERVICE, route)), List.of(SERVICE), true);

        assertThat(plan.prunes()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.SKIP);
            assertThat(d.reason()).contains("LLMInferenceService/qwen2-3b");
        });
    }

    @Test
    void ownershipLabelsAreStampedOnDesiredWithoutChangingIt() {
        DesiredObject cm = desired(CONFIG_MAP);
        ((ObjectNode) cm.body().get("metadata")).putObject("labels").put("app", "web");
        String before = cm.body().toString();

        Plan plan = Planner.plan(STACK, List.of(cm), Map.of(), List.of(), true);

        ObjectNode stamped = plan.steps().get(0).desired();
        assertThat(stamped.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("stack-agent");
        assertThat(stamped.at("/metadata/labels/stack-agent.dev~1stack").asText()).isEqualTo(STACK);
        assertThat(stamped.at("/metadata/labels/app").asText()).isEqualTo("web");
        assertThat(Ownership.ownedBy(stamped, STACK)).isTrue();
        assertThat(Ownership.ownedBy(stamped, "other")).isFalse();
        assertThat(cm.body().toString()).as("desired body is not mutated").isEqualTo(before);
    }

    @Test
    void liveObjectWithoutOwnershipLabelsHeldInTheInventoryIsUpdatedToCarryThem() {
        Map<String, ObjectNode> live = liveMap(Map.of(CONFIG_MAP, live(CONFIG_MAP, null)));

        Plan plan = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), live, List.of(CONFIG_MAP), true);

        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.diff().action()).isEqualTo(Action.UPDATE);
            assertThat(s.diff().changes()).extracting(c -> c.path()).containsExactly("/metadata/labels");
        });
    }

    @Test
    void adoptionLiveObjectTheAgentNeverHeldIsAConflictUnlessAnAdminAdoptsIt() {
        ObjectNode foreign = live(CONFIG_MAP, null);
        Plan refused = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), liveMap(Map.of(CONFIG_MAP, foreign)), List.of(), true);
        assertThat(refused.steps()).singleElement().satisfies(s -> {
            assertThat(s.diff().action()).isEqualTo(Action.CONFLICT);
            assertThat(s.diff().reason()).contains("not created by stack-agent").contains("stack-agent.dev/adopt=" + STACK);
        });

        ObjectNode annotated = foreign.deepCopy();
        ((ObjectNode) annotated.get("metadata")).putObject("annotations").put("stack-agent.dev/adopt", STACK);
        Plan adopted = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), liveMap(Map.of(CONFIG_MAP, annotated)), List.of(), true);
        assertThat(adopted.steps()).singleElement().satisfies(s -> assertThat(s.diff().action()).isEqualTo(Action.UPDATE));

        ObjectNode forAnother = foreign.deepCopy();
        ((ObjectNode) forAnother.get("metadata")).putObject("annotations").put("stack-agent.dev/adopt", "someone-else");
        assertThat(Planner.plan(STACK, List.of(desired(CONFIG_MAP)), liveMap(Map.of(CONFIG_MAP, forAnother)), List.of(), true)
                .steps().get(0).diff().action()).isEqualTo(Action.CONFLICT);
    }

    @Test
    void lastAppliedRecordOnLiveDrivesThreeWayRemoval() {
        ObjectNode applied = Ownership.stamp(desired(CONFIG_MAP), STACK);
        ((ObjectNode) applied.get("spec")).put("paused", true);
        ObjectNode live = applied.deepCopy();
        ((ObjectNode) live.get("metadata")).putObject("annotations")
                .put(Ownership.LAST_APPLIED, Ownership.lastAppliedRecord(applied).toString());

        Plan plan = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), liveMap(Map.of(CONFIG_MAP, live)), List.of(CONFIG_MAP), true);

        assertThat(plan.steps().get(0).diff().changes()).extracting(c -> c.toString())
                .containsExactly("/spec/paused: true -> <removed>");
    }

    @Test
    void damagedLastAppliedRecordOnlyLosesRemoval() {
        ObjectNode live = live(CONFIG_MAP, STACK);
        ((ObjectNode) live.get("metadata")).putObject("annotations").put(Ownership.LAST_APPLIED, "{not json");

        assertThat(Planner.lastAppliedOf(live)).isNull();
        assertThat(Planner.lastAppliedOf(null)).isNull();
        Plan plan = Planner.plan(STACK, List.of(desired(CONFIG_MAP)), liveMap(Map.of(CONFIG_MAP, live)), List.of(CONFIG_MAP), true);
        assertThat(plan.steps().get(0).diff().action()).isEqualTo(Action.UNCHANGED);
    }

    @Test
    void lastAppliedRecordOfASecretKeepsKeysNotValues() {
        ObjectNode secret = desired(SECRET).body().deepCopy();
        secret.putObject("data").put("token", "c2VjcmV0");
        secret.putObject("stringData").put("password", "hunter2");

        ObjectNode record = Ownership.lastAppliedRecord(secret);

        assertThat(record.toString()).doesNotContain("c2VjcmV0", "hunter2");
        assertThat(record.at("/data").fieldNames()).toIterable().containsExactly("token");
        assertThat(record.at("/stringData").fieldNames()).toIterable().containsExactly("password");
        assertThat(secret.at("/data/token").asText()).as("input is not changed").isEqualTo("c2VjcmV0");
    }
}
