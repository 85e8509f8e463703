package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.status.StackStatus;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * One broken stack among good ones, through the real Git path: only it is rejected; the others are
 * applied at the new revision; the broken one keeps running its last good version (nothing of it
 * pruned) when it had one, and creates nothing when it never had one.
 */
@EnableKubernetesMockClient(crud = true)
class BrokenStackTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path tmp;

    GitBackedAgent a;

    @BeforeEach
    void setUp() throws Exception {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        a = new GitBackedAgent(tmp, client);
    }

    @AfterEach
    void tearDown() throws Exception {
        a.close();
    }

    static Map<String, String> stack(String name, String maxModelLen) {
        return DemoStack.files(name, "team-" + name, maxModelLen, 1, "");
    }

    String maxModelLen(String stack) {
        var cm = client.configMaps().inNamespace("team-" + stack).withName("settings").get();
        return cm == null ? null : cm.getData().get("maxModelLen");
    }

    @Test
    void onlyTheBrokenStackIsRejectedAndItKeepsItsLastGoodVersion() throws Exception {
        Map<String, String> rev1Files = new HashMap<>();
        rev1Files.putAll(stack("a", "2048"));
        rev1Files.putAll(stack("b", "2048"));
        rev1Files.putAll(stack("c", "2048"));
        String rev1 = a.commit(rev1Files, "three stacks");
        assertThat(a.poll()).extracting(SyncResult::status).containsExactly(SyncStatus.Synced, SyncStatus.Synced, SyncStatus.Synced);

        Map<String, String> rev2Files = new HashMap<>();
        rev2Files.putAll(stack("a", "4096"));
        rev2Files.putAll(stack("b", "4096"));
        rev2Files.put("stacks/b/stack.yaml", rev2Files.get("stacks/b/stack.yaml") + "replicaz: 3\n");
        rev2Files.putAll(stack("c", "4096"));
        rev2Files.putAll(stack("d", "4096"));
        rev2Files.put("stacks/d/policy.yaml", "kind: NetworkPolicy\nmetadata: {name: x}\n");
        String rev2 = a.commit(rev2Files, "b and d broken");

        var results = a.poll();

        assertThat(results).extracting(SyncResult::stack).containsExactly("a", "c");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(SyncStatus.Synced);
            assertThat(r.revision()).isEqualTo(rev2);
        });
        assertThat(maxModelLen("a")).isEqualTo("4096");
        assertThat(maxModelLen("c")).isEqualTo("4096");
        assertThat(maxModelLen("b")).as("b keeps its last good version").isEqualTo("2048");
        assertThat(a.agent.stack("b").orElseThrow().revision()).isEqualTo(rev1);
        assertThat(a.agent.stackNames()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(client.namespaces().withName("team-d").get()).as("a stack never valid creates nothing").isNull();

        StackStatus b = a.status.get("b").orElseThrow();
        assertThat(b.sync()).isEqualTo("Failed");
        assertThat(b.revision()).isEqualTo(rev1);
        assertThat(b.desiredRevision()).isEqualTo(rev2);
        assertThat(b.validationErrors()).anyMatch(e -> e.contains("stacks/b/stack.yaml") && e.contains("replicaz"));
        StackStatus d = a.status.get("d").orElseThrow();
        assertThat(d.sync()).isEqualTo("Failed");
        assertThat(d.validationErrors()).anyMatch(e -> e.contains("stacks/d/policy.yaml") && e.contains("apiVersion"));
        assertThat(a.status.get("a").orElseThrow().sync()).isEqualTo("Synced");

        // the periodic resync keeps b at its last good version, pruning nothing
        client.configMaps().inNamespace("team-b").withName("settings").edit(cm -> {
            cm.getData().put("maxModelLen", "1");
            return cm;
        });
        assertThat(a.agent.syncAll()).filteredOn(r -> r.stack().equals("b")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(SyncStatus.Synced);
            assertThat(r.revision()).isEqualTo(rev1);
            assertThat(r.changes().count(dev.stackagent.apply.ChangeSet.Result.PRUNED)).isZero();
        });
        assertThat(maxModelLen("b")).isEqualTo("2048");
        assertThat(new InventoryStore(client, "stack-agent").read("b").objects()).hasSize(4);

        Map<String, String> fixed = new HashMap<>(stack("b", "4096"));
        fixed.put("stacks/d/policy.yaml", null);
        String rev3 = a.commit(fixed, "fix b, drop d's bad file");
        var afterFix = a.poll();

        assertThat(afterFix).extracting(SyncResult::stack).contains("b", "d");
        assertThat(afterFix).allSatisfy(r -> assertThat(r.status()).as(r.stack() + ": " + r.error()).isEqualTo(SyncStatus.Synced));
        assertThat(maxModelLen("b")).isEqualTo("4096");
        assertThat(maxModelLen("d")).isEqualTo("4096");
        assertThat(a.status.get("b").orElseThrow().sync()).isEqualTo("Synced");
        assertThat(a.status.get("b").orElseThrow().revision()).isEqualTo(rev3);
    }
}
