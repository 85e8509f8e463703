package dev.stackagent.faults;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.source.GitSettingsBuilder;
import dev.stackagent.source.GitSource;
import dev.stackagent.source.TestRepo;
import dev.stackagent.status.StatusStore;
import dev.stackagent.sync.Agent;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The agent as it runs, without Quarkus: a real git server, a real {@link GitSource}, the pipeline on a test server. */
final class GitBackedAgent implements AutoCloseable {
    final TestRepo repo;
    final FlakyGitServer git;
    final GitSource source;
    final StatusStore status = new StatusStore();
    final Agent agent;

    GitBackedAgent(Path tmp, KubernetesClient client) throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        repo = TestRepo.create(tmp.resolve("upstream"));
        repo.commit(Map.of("README.md", "stacks\n"), "initial");
        git = new FlakyGitServer(repo.repository()).start();
        source = new GitSource(GitSettingsBuilder.of(git.url()).cacheDir(tmp.resolve("cache")).timeout(Duration.ofSeconds(10)).build());
        StackSync sync = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE),
                Clock.systemUTC());
        agent = new Agent(source, sync, new InventoryStore(client, "stack-agent"), status, DemoStack.CLUSTER, List.of());
    }

    String commit(Map<String, String> files, String message) throws Exception {
        return repo.commit(files, message);
    }

    /** One poll of the agent: fetch, and sync what changed. */
    List<SyncResult> poll() {
        return agent.refresh().stream().map(agent::sync).toList();
    }

    @Override
    public void close() throws Exception {
        source.close();
        git.close();
        repo.close();
    }
}
