package dev.stackagent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.source.GitDaemonServer;
import dev.stackagent.source.TestRepo;
import dev.stackagent.template.TemplateFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts what the agent talks to besides Kubernetes: a real git server on loopback serving a copy
 * of {@code config-repo-template} (without its schedule, so the test does not depend on the time
 * of day) and a fake GKE on a loopback port; configures the agent to use both.
 */
public class ConfigRepoServer implements QuarkusTestResourceLifecycleManager {
    public static final ClusterRef CLUSTER = new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1");
    public static final String STACK = "qwen2-3b-pattern1";
    public static final String DIR = "stacks/" + STACK + "/";

    static TestRepo repo;
    static GitDaemonServer daemon;
    static FakeClusterManager gke;
    private Path tmp;

    @Override
    public Map<String, String> start() {
        try {
            tmp = Files.createTempDirectory("stack-agent-e2e");
            repo = TestRepo.create(tmp.resolve("work"));
            repo.commit(templateWithoutSchedule(), "initial: the seed's stack");
            daemon = new GitDaemonServer(repo.repository()).start();
            gke = new FakeClusterManager().start().addCluster(CLUSTER).pollsToDone(2);
            String endpoint = gke.startOnLoopback();
            Map<String, String> config = new HashMap<>();
            config.put("stack-agent.git.url", daemon.url());
            config.put("stack-agent.git.cache-dir", tmp.resolve("cache").toString());
            config.put("stack-agent.cluster.project", CLUSTER.project());
            config.put("stack-agent.cluster.location", CLUSTER.location());
            config.put("stack-agent.cluster.name", CLUSTER.name());
            config.put("stack-agent.gke.endpoint", endpoint);
            config.put("stack-agent.gke.plaintext", "true");
            config.put("stack-agent.gke.operations.poll-initial-interval", "10ms");
            config.put("stack-agent.gke.operations.poll-max-interval", "50ms");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the config repo server", e);
        }
    }

    /** Every file of the template, with the stack's schedule section left out. */
    static Map<String, String> templateWithoutSchedule() throws IOException {
        Path root = TemplateFiles.projectDir().resolve("config-repo-template");
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String text = Files.readString(p);
                if (rel.endsWith("stack.yaml")) {
                    text = text.replaceAll("(?ms)^schedule:.*?(?=^\\S)", "");
                }
                files.put(rel, text);
            }
        }
        return files;
    }

    static String read(String path) {
        try {
            return Files.readString(TemplateFiles.projectDir().resolve("config-repo-template").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
