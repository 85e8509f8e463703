package dev.stackagent.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.source.GitDaemonServer;
import dev.stackagent.source.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the agent of {@link FirstSyncRequestsTest} talks to besides Kubernetes, configured as the benchmark
 * configures its agent: a git server whose repository has no stack yet, a fake GKE, leader election off,
 * polling and resync slowed down to an hour so only the test drives the agent.
 */
public class FirstSyncServer implements QuarkusTestResourceLifecycleManager {
    static final ClusterRef CLUSTER = new ClusterRef("bench-project", "europe-west4-a", "bench-cluster");

    static TestRepo repo;
    static GitDaemonServer daemon;
    static FakeClusterManager gke;

    @Override
    public Map<String, String> start() {
        try {
            Path tmp = Files.createTempDirectory("stack-agent-first-sync");
            repo = TestRepo.create(tmp.resolve("work"));
            repo.commit(Map.of("README.md", "no stacks yet\n"), "no stacks yet");
            daemon = new GitDaemonServer(repo.repository()).start();
            gke = new FakeClusterManager().start().addCluster(CLUSTER).pollsToDone(1);
            Map<String, String> config = new HashMap<>();
            config.put("stack-agent.git.url", daemon.url());
            config.put("stack-agent.git.cache-dir", tmp.resolve("cache").toString());
            config.put("stack-agent.git.poll-interval", "1h");
            config.put("stack-agent.resync-interval", "1h");
            config.put("stack-agent.cluster.project", CLUSTER.project());
            config.put("stack-agent.cluster.location", CLUSTER.location());
            config.put("stack-agent.cluster.name", CLUSTER.name());
            config.put("stack-agent.gke.endpoint", gke.startOnLoopback());
            config.put("stack-agent.gke.plaintext", "true");
            config.put("stack-agent.gke.poll-interval", "1h");
            config.put("stack-agent.leader-election.enabled", "false");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the first-sync test's git server", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (daemon != null) daemon.close();
            if (gke != null) gke.close();
            if (repo != null) repo.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
