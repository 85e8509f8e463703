package dev.stackagent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * The Git server goes away in the middle of a fetch, then entirely, then comes back: the agent
 * keeps its last good revision (and keeps syncing it, undoing drift), records the Git error for
 * status, and converges on the new revision once the server is back.
 */
@EnableKubernetesMockClient(crud = true)
class GitOutageTest {
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

    String maxModelLen() {
        return client.configMaps().inNamespace("llm").withName("settings").get().getData().get("maxModelLen");
    }

    @Test
    void lastGoodRevisionIsKeptThroughAnOutageAndTheNewOneLandsWhenTheServerIsBack() throws Exception {
        String rev1 = a.commit(DemoStack.files("demo", "llm", "2048", 1, ""), "rev1");
        assertThat(a.poll()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(SyncStatus.Synced));
        assertThat(a.status.gitError()).isEmpty();

        String rev2 = a.commit(DemoStack.files("demo", "llm", "4096", 2, ""), "rev2");
        a.git.dropNextFetches(1);

        assertThat(a.poll()).as("the fetch died: nothing new to sync").isEmpty();
        assertThat(a.git.dropped()).as("the server really went away mid-fetch").isEqualTo(1);
        assertThat(a.status.gitError()).as("a remote failure, not a local one")
                .hasValueSatisfying(e -> assertThat(e).startsWith("UNREACHABLE").contains("server going away"));
        assertThat(a.agent.revision()).contains(rev1);
        assertThat(a.agent.stack("demo").orElseThrow().revision()).isEqualTo(rev1);
        assertThat(a.source.snapshot(rev1).paths()).as("the cached clone survived the broken fetch").contains("stacks/demo/stack.yaml");

        // drift during the outage is still undone, towards the last good revision
        client.configMaps().inNamespace("llm").withName("settings").edit(cm -> {
            cm.getData().put("maxModelLen", "1");
            return cm;
        });
        SyncResult during = a.agent.sync("demo");
        assertThat(during.status()).isEqualTo(SyncStatus.Synced);
        assertThat(during.revision()).isEqualTo(rev1);
        assertThat(maxModelLen()).isEqualTo("2048");

        a.git.stop();
        assertThat(a.poll()).isEmpty();
        assertThat(a.status.gitError()).hasValueSatisfying(e -> assertThat(e).startsWith("UNREACHABLE"));
        assertThat(a.agent.syncAll()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(SyncStatus.Synced);
            assertThat(r.revision()).isEqualTo(rev1);
        });

        a.git.start();
        List<SyncResult> after = a.poll();

        assertThat(after).singleElement().satisfies(r -> {
            assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
            assertThat(r.revision()).isEqualTo(rev2);
        });
        assertThat(a.status.gitError()).as("cleared by the next good fetch").isEmpty();
        assertThat(a.status.get("demo").orElseThrow().revision()).isEqualTo(rev2);
        assertThat(maxModelLen()).isEqualTo("4096");
        assertThat(a.poll()).as("nothing new: nothing to sync").isEmpty();
    }
}
