package dev.stackagent.testing;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The build's training runs for the class-data archives (pom.xml, execution {@code appcds-archive}), through the
 * launcher users run, in its training mode ({@code STACK_AGENT_CDS=train target/stack-agent ...}), which writes each
 * archive and the {@code .jdk} file naming its JDK into {@code quarkus-app/} as the JVM exits:
 * <ul>
 * <li>{@code app-cds.jsa}: the agent ({@code run}) syncs {@value #STACKS} new benchmark-like stacks ({@link FleetStacks})
 * from a local Git repository to the fabric8 test server in this JVM, is probed for readiness and scraped for metrics
 * as the kubelet and Prometheus do, and is stopped with SIGTERM once the stacks' objects exist. An archive trained on
 * a sync holds the classes of the sync path too. Should the sync not happen within {@link #SYNC_DEADLINE}, the agent
 * is stopped all the same: a smaller archive of what it did load.</li>
 * <li>{@code app-cds-cli.jsa}: an offline {@code plan} of the config repository template (Quarkus started, every
 * stack loaded, checked, planned and printed; {@code validate} runs a subset of it, without Quarkus).</li>
 * </ul>
 * Never fails the build: it reports and exits 0.
 *
 * <p>Arguments: the launcher ({@code target/stack-agent}), the {@code JAVA_HOME} to run it with, a work directory,
 * the config repository the CLI's training plans.
 */
public final class CdsTrainingRun {
    static final int STACKS = 20;
    static final Duration SYNC_DEADLINE = Duration.ofSeconds(90);
    private static final ClusterRef CLUSTER = new ClusterRef("training", "training", "training");
    private static final String NAMESPACE = "stack-agent";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private CdsTrainingRun() {
    }

    public static void main(String[] args) {
        Path launcher = Path.of(args[0]);
        Path javaHome = Path.of(args[1]);
        Path work = Path.of(args[2]);
        try {
            Files.createDirectories(work);
            System.out.println("AppCDS training run: " + trainAgent(launcher, javaHome, work) + "; " + written(launcher, "app-cds.jsa"));
        } catch (Exception | AssertionError e) {
            System.out.println("AppCDS training run: " + e);
        }
        try {
            Process plan = start(launcher, javaHome, work.resolve("cli.log"), Map.of(), "plan", args[3]);
            boolean ended = plan.waitFor(120, TimeUnit.SECONDS);
            stop(plan);
            // plan's exit code is the plan's (1: changes to make), not a failure of the training
            System.out.println("AppCDS training run of the CLI: plan " + (ended ? "exited " + plan.exitValue() : "killed") + "; "
                    + written(launcher, "app-cds-cli.jsa"));
        } catch (Exception e) {
            System.out.println("AppCDS training run of the CLI: " + e);
        }
        System.exit(0);
    }

    private static String written(Path launcher, String archive) {
        Path file = launcher.toAbsolutePath().resolveSibling("quarkus-app").resolve(archive);
        return "archive " + (Files.exists(file) ? "written" : "NOT written") + " (" + file + ")";
    }

    private static String trainAgent(Path launcher, Path javaHome, Path work) throws Exception {
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
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("quarkus.http.port", String.valueOf(port));
            settings.put("quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:" + server.getPort());
            settings.put("quarkus.kubernetes-client.trust-certs", "true");
            settings.put("kubernetes.auth.tryKubeConfig", "false");
            settings.put("kubernetes.auth.tryServiceAccount", "false");
            settings.put("quarkus.kubernetes-client.namespace", NAMESPACE);
            settings.put("stack-agent.namespace", NAMESPACE);
            settings.put("stack-agent.cluster.project", CLUSTER.project());
            settings.put("stack-agent.cluster.location", CLUSTER.location());
            settings.put("stack-agent.cluster.name", CLUSTER.name());
            settings.put("stack-agent.git.url", repo.repository().getWorkTree().toString());
            settings.put("stack-agent.git.cache-dir", work.resolve("git-cache").toString());
            settings.put("stack-agent.gke.enabled", "false");
            settings.put("stack-agent.leader-election.enabled", "false");
            Process agent = start(launcher, javaHome, work.resolve("agent.log"), settings, "run");
            try {
                // probed and scraped as the kubelet and Prometheus do (HTTP/1.1), so the archive holds those paths too
                await().atMost(SYNC_DEADLINE).pollInterval(Duration.ofMillis(200))
                        .until(() -> !agent.isAlive() || (get(port, "/q/health/ready") && models(client) == STACKS));
                get(port, "/q/metrics");
                return agent.isAlive() ? "trained on a sync of " + STACKS + " stacks" : "the agent exited early";
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return "no sync within " + SYNC_DEADLINE + " (" + models(client) + " of " + STACKS + " models)";
            } finally {
                stop(agent);
            }
        } finally {
            server.destroy();
        }
    }

    private static long models(NamespacedKubernetesClient client) {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inAnyNamespace().list().getItems()
                .stream().filter(r -> r.getMetadata().getNamespace().startsWith("bench-")).count();
    }

    /** Whether {@code GET path} on the agent answers 200 (false while it does not listen yet). */
    private static boolean get(int port, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    /**
     * {@code STACK_AGENT_CDS=train launcher args...} with {@code settings} as {@code -D} options in {@code JAVA_OPTS_APPEND}
     * (no value holds a space), no kubeconfig, and none of this environment's other {@code STACK_AGENT_*} variables.
     */
    private static Process start(Path launcher, Path javaHome, Path log, Map<String, String> settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("STACK_AGENT_") || k.startsWith("JAVA_OPTS"));
        pb.environment().put("STACK_AGENT_CDS", "train");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("JAVA_OPTS_APPEND", String.join(" ", settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList()));
        pb.environment().put("KUBECONFIG", log.resolveSibling("no-kubeconfig").toString());
        return pb.start();
    }

    /** SIGTERM (the launcher execs the JVM), so the JVM writes the archive as it exits; a kill after a minute. */
    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
