package dev.stackagent.desired;

import static dev.stackagent.desired.Repo.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Tenancy: one owner per namespace, object and node pool among the stacks of a cluster. The stack
 * that already holds the thing in the cluster keeps it (offline: the first by name); the other is
 * rejected naming both; stacks of another cluster never make this cluster's stacks fail.
 */
class TenancyTest {
    static final String STACK = PolicyValidationTest.STACK;
    static final String CM = PolicyValidationTest.CM;

    static String renamedPool(String stack, String pool) {
        return stack.replace("tpu-pool", pool);
    }

    @Test
    void twoStacksClaimingOneNamespaceOfflineTheFirstByNameKeepsIt() {
        Repo r = Repo.of().file("stacks/alpha/stack.yaml", renamedPool(STACK, "pool-a")).file("stacks/alpha/cm.yaml", CM)
                .file("stacks/beta/stack.yaml", renamedPool(STACK, "pool-b"));
        DesiredState state = StackLoader.load("rev", RepoFiles.of(r.files()), LoadRules.defaults());
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("alpha");
        assertThat(state.rejected().get("beta")).anySatisfy(e -> {
            assertThat(e.object()).isEqualTo("Namespace llm-team");
            assertThat(e.message()).contains("also claimed by stack alpha").contains("beta is rejected");
        });
    }

    @Test
    void theStackThatHoldsItInTheClusterKeepsItEvenIfItSortsLater() {
        Repo r = Repo.of().file("stacks/alpha/stack.yaml", renamedPool(STACK, "pool-a"))
                .file("stacks/beta/stack.yaml", renamedPool(STACK, "pool-b")).file("stacks/beta/cm.yaml", CM);
        LoadRules rules = LoadRules.defaults().withHolders(Map.of("/Namespace//llm-team", "beta"));
        DesiredState state = StackLoader.load("rev", RepoFiles.of(r.files()), rules);
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("beta");
        assertThat(state.rejected().get("alpha")).anySatisfy(e ->
                assertThat(e.message()).contains("also claimed by stack beta, which holds it in the cluster"));
    }

    @Test
    void twoStacksDeclaringTheSameNodePoolDoNotFightOverIt() {
        String other = replace(replace(STACK, "- name: llm-team", "- name: llm-other"), "namespace: llm-team", "namespace: llm-other")
                .replace("maxNodeCount: 3", "maxNodeCount: 1");
        Repo r = Repo.of().file("stacks/alpha/stack.yaml", STACK).file("stacks/beta/stack.yaml", other);
        DesiredState state = StackLoader.load("rev", RepoFiles.of(r.files()), LoadRules.defaults());
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("alpha");
        assertThat(state.rejected().get("beta")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("nodePools[0].name");
            assertThat(e.message()).contains("also claimed by stack alpha");
        });
    }

    @Test
    void aStackOfAnotherClusterNeverMakesThisClustersStacksFail() {
        String elsewhere = replace(STACK, "name: demo-cluster", "name: other-cluster");
        Repo r = Repo.of().file("stacks/alpha/stack.yaml", elsewhere).file("stacks/beta/stack.yaml", STACK);
        DesiredState state = StackLoader.load("rev", RepoFiles.of(r.files()), LoadRules.defaults());
        assertThat(state.errors()).isEmpty();
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("alpha", "beta");
    }
}
