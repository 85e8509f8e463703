package dev.stackagent.testing;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.source.TestRepo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The build's training run for the agent's class-data archive ({@code quarkus-app/app-cds.jsa}; pom.xml,
 * execution {@code appcds-archive}): the packaged agent ({@code java -XX:ArchiveClassesAtExit=... -jar
 * quarkus-run.jar run}) syncs {@value #STACKS} new benchmark-like stacks ({@link FleetStacks}) from a
 * local Git repository to the fabric8 test server in this JVM, and is stopped with SIGTERM once their
 * objects exist; the JVM writes the archive as it exits. An archive trained on a sync holds the classes
 * of the sync path too, which an agent's first sync would otherwise load, parse and verify (measured
 * within the benchmark's spread of the offline training's archive; docs/benchmarks.md, "Start-up"), and
 * takes 10 s instead of the offline training's 25. Should the sync not happen within {@link #SYNC_DEADLINE}, the agent
 * is stopped all the same: a smaller archive of what it did load. Never fails the build: it reports
 * and exits 0.
 *
 * <p>Arguments: the {@code java} to run, {@code quarkus-run.jar}, the archive to write, a work directory; then, optionally,
 * the CLI's archive to write and the config repository its training plans ({@link #trainCli}).
 */
public final class CdsTrainingRun {
    static final int STACKS = 20;
    static final Duration SYNC_DEADLINE = Duration.ofSeconds(90);
    private static final ClusterRef CLUSTER = new ClusterRef("training", "training", "training");
    private static final String NAMESPACE = "stack-agent";

    private CdsTrainingRun() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(train(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3])));
        } catch (Exception | AssertionError e) {
            System.out.println("AppCDS training run: " + e);
        }
        if (args.length > 5) {
            try {
                System.out.println(trainCli(Path.of(args[0]), Path.of(args[1]), Path.of(args[4]), Path.of(args[5]), Path.of(args[3])));
            } catch (Exception e) {
                System.out.println("AppCDS training run of the CLI: " + e);
            }
        }
        System.exit(0);
    }

    /**
     * The CLI's archive ({@code app-cds-cli.jsa}): an offline {@code plan} of {@code repo} (Quarkus started, every stack
     * loaded, checked, planned and printed; {@code validate} runs a subset of it, without Quarkus). Its exit code is the
     * plan's (1: changes to make), not a failure of the training.
     */
    static String trainCli(Path java, Path jar, Path archive, Path repo, Path work) throws Exception {
        Files.deleteIfExists(archive);
        Path classes = work.resolve("cli-classes.log");
        Process plan = new ProcessBuilder(java.toString(), "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:class+load=info:file=" + classes,
                "-Dcds.link-classes-from=" + classes, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "plan", repo.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("cli.log").toFile()).start();
        if (!plan.waitFor(120, TimeUnit.SECONDS)) {
            plan.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return "AppCDS training run of the CLI: plan exited " + (plan.isAlive() ? "(killed)" : plan.exitValue()) + "; archive "
                + (Files.exists(archive) ? "written" : "NOT written") + " (" + archive + ")";
    }

    private static String train(Path java, Path jar, Path archive, Path work) throws Exception {
        Files.createDirectories(work);
        Files.deleteIfExists(archive);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(Collections.emptyList()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        ApiServerSimulation.install(server);
        try (NamespacedKubernetesClient client = server.createClient(); TestRepo repo = TestRepo.create(work.resolve("repo"))) {
            TestCrds.installLlmInferenceService(client);
            TestCrds.installStack(client);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            repo.commit(FleetStacks.files(CLUSTER, STACKS, "r0"), STACKS + " stacks");
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process agent = start(java, jar, archive, work, "http://127.0.0.1:" + server.getPort(), repo, port);
            String outcome;
            try {
                // probed and scraped as the kubelet and Prometheus do (HTTP/1.1), so the archive holds those paths too
                await().atMost(SYNC_DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> !agent.isAlive() || (get(port, "/q/health/ready") && models(client) == STACKS));
                get(port, "/q/metrics");
                outcome = agent.isAlive() ? "trained on a sync of " + STACKS + " stacks" : "the agent exited early";
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                outcome = "no sync within " + SYNC_DEADLINE + " (" + models(client) + " of " + STACKS + " models)";
            }
            stop(agent);
            return "AppCDS training run: " + outcome + "; archive " + (Files.exists(archive) ? "written" : "NOT written") + " (" + archive + ")";
        } finally {
            server.destroy();
        }
    }

    private static long models(NamespacedKubernetesClient client) {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inAnyNamespace().list().getItems()
                .stream().filter(r -> r.getMetadata().getNamespace().startsWith("bench-")).count();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    /** Whether {@code GET path} on the agent answers 200 (false while it does not listen yet). */
    private static boolean get(int port, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    private static Process start(Path java, Path jar, Path archive, Path work, String apiServer, TestRepo repo, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:class+load=info:file=" + work.resolve("classes.log"), "-Dcds.link-classes-from=" + work.resolve("classes.log"),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kubernetes-client.api-server-url=" + apiServer, "-Dquarkus.kubernetes-client.trust-certs=true",
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dquarkus.kubernetes-client.namespace=" + NAMESPACE, "-Dstack-agent.namespace=" + NAMESPACE,
                "-Dstack-agent.cluster.project=" + CLUSTER.project(), "-Dstack-agent.cluster.location=" + CLUSTER.location(),
                "-Dstack-agent.cluster.name=" + CLUSTER.name(), "-Dstack-agent.git.url=" + repo.repository().getWorkTree(),
                "-Dstack-agent.git.cache-dir=" + work.resolve("git-cache"), "-Dstack-agent.gke.enabled=false",
                "-Dstack-agent.leader-election.enabled=false", "-jar", jar.toString(), "run"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        pb.environment().put("KUBECONFIG", work.resolve("no-kubeconfig").toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("STACK_AGENT_"));
        return pb.start();
    }

    /** SIGTERM, so the JVM writes the archive as it exits; a kill after a minute. */
    private static void stop(Process agent) throws InterruptedException {
        if (!agent.isAlive()) {
            return;
        }
        agent.destroy();
        if (!agent.waitFor(60, TimeUnit.SECONDS)) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
