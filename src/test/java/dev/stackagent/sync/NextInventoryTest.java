package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.ChangeSet.Result;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.inventory.Inventory;
import dev.stackagent.plan.Plan;

/** What the agent still owns after a sync: the set that the next prune is computed from. */
class NextInventoryTest {
    static final String STACK = "qwen";
    static final ObjectRef CM = new ObjectRef("v1", "ConfigMap", "team-a", "settings");
    static final ObjectRef POLICY = new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "team-a", "default-deny");
    static final ObjectRef LLMISVC_V1ALPHA1 = new ObjectRef("serving.kserve.io/v1alpha1", "LLMInferenceService", "team-a", "qwen2-3b");
    static final ObjectRef LLMISVC_V1 = new ObjectRef("serving.kserve.io/v1", "LLMInferenceService", "team-a", "qwen2-3b");

    record Case(String name, Set<ObjectRef> previous, List<ObjectRef> prunes, List<ObjectRef> released,
            List<ChangeSet.Entry> changes, Set<ObjectRef> next) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ChangeSet.Entry entry(ObjectRef ref, Result result) {
        return new ChangeSet.Entry(ref, result, List.of(), result.name().toLowerCase());
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("created is added", Set.of(), List.of(), List.of(),
                        List.of(entry(CM, Result.CREATED)), Set.of(CM)),
                new Case("configured and unchanged are kept", Set.of(CM), List.of(), List.of(),
                        List.of(entry(CM, Result.CONFIGURED), entry(POLICY, Result.UNCHANGED)), Set.of(CM, POLICY)),
                new Case("pruned is forgotten", Set.of(CM, POLICY), List.of(POLICY), List.of(),
                        List.of(entry(CM, Result.UNCHANGED), entry(POLICY, Result.PRUNED)), Set.of(CM)),
                new Case("failed prune stays tracked for a retry", Set.of(CM, POLICY), List.of(POLICY), List.of(),
                        List.of(entry(CM, Result.UNCHANGED), entry(POLICY, Result.FAILED)), Set.of(CM, POLICY)),
                new Case("skipped (another controller) is forgotten", Set.of(CM, POLICY), List.of(POLICY), List.of(),
                        List.of(entry(CM, Result.UNCHANGED), entry(POLICY, Result.SKIPPED)), Set.of(CM)),
                new Case("prune disabled keeps the entry", Set.of(CM, POLICY), List.of(), List.of(),
                        List.of(entry(CM, Result.UNCHANGED)), Set.of(CM, POLICY)),
                new Case("released (gone or taken over) is forgotten", Set.of(CM, POLICY), List.of(), List.of(POLICY),
                        List.of(entry(CM, Result.UNCHANGED)), Set.of(CM)),
                new Case("failed create is not tracked", Set.of(CM), List.of(), List.of(),
                        List.of(entry(CM, Result.UNCHANGED), entry(POLICY, Result.FAILED)), Set.of(CM)),
                new Case("objects after a failed apply stay tracked", Set.of(CM, POLICY), List.of(), List.of(),
                        List.of(entry(CM, Result.FAILED)), Set.of(CM, POLICY)),
                new Case("new apiVersion replaces the old entry", Set.of(LLMISVC_V1ALPHA1), List.of(), List.of(),
                        List.of(entry(LLMISVC_V1, Result.CONFIGURED)), Set.of(LLMISVC_V1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nextInventory(Case c) {
        List<ObjectDiff> prunes = c.prunes().stream()
                .map(r -> new ObjectDiff(r, Action.PRUNE, List.of(), JsonNodeFactory.instance.arrayNode(), "no longer in Git"))
                .toList();
        Plan plan = new Plan(STACK, List.of(), prunes, c.released());

        Inventory next = StackSync.nextInventory(STACK, plan, new ChangeSet(c.changes()), new Inventory(STACK, c.previous()));

        assertThat(next.stack()).isEqualTo(STACK);
        assertThat(next.objects()).containsExactlyInAnyOrderElementsOf(c.next());
    }
}
