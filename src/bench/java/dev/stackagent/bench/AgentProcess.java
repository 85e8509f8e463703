package dev.stackagent.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The real agent, {@code target/stack-agent run} (the launcher users run, which runs
 * {@code java -jar quarkus-app/quarkus-run.jar}), as a separate JVM configured by system properties (the
 * webhook secret by environment, so it is not in the command line). Reads its CPU time and memory
 * from {@code /proc}, its peak heap from its GC log and its sync counters from {@code /q/metrics}. The heap is not sampled from {@code /q/metrics}: a scrape renders
 * every series of every stack, and scraping every 250 ms cost the agent a fifth of its CPU during a
 * first sync (JFR, 2 December) — the benchmark measured itself.
 */
final class AgentProcess implements AutoCloseable {
    static final String WEBHOOK_SECRET = "bench-webhook-secret";
    /**
     * HTTP/1.1, as the kubelet's probes and Prometheus's scrapes speak it: the JDK client's default (HTTP/2, by an h2c
     * upgrade) made the agent load and run Netty's HTTP/2 code for the benchmark alone, during start-up.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)");
    /** A G1 pause in {@code -Xlog:gc}: {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(64M) 3.1ms}. */
    private static final Pattern GC_PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\(\\d+M\\)");
    private static final Pattern SYNCS = Pattern.compile("(?m)^stack_agent_syncs_total\\{[^}]*} ([0-9.eE+-]+)");

    final Process process;
    final long startedNanos;
    final int httpPort;
    final Path log;

    private AgentProcess(Process process, long startedNanos, int httpPort, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the agent the way users run it: the {@code stack-agent} launcher next to {@code quarkus-app/}
     * ({@code target/stack-agent run}), on this JVM's {@code java.home}, with {@code bench.agent-jvm-args}
     * as {@code JAVA_OPTS}; the GC log and the configuration go in {@code JAVA_OPTS_APPEND} (no value holds
     * a space), the webhook secret in the environment only. So the benchmark measures what the launcher
     * adds (the AppCDS archive or the JDK 25 AOT cache it finds next to it).
     */
    static AgentProcess start(Path jar, Map<String, String> properties, Path log) throws IOException {
        int port = Bench.freePort();
        Path launcher = launcher(jar);
        List<String> append = new ArrayList<>();
        append.add("-Xlog:gc:file=" + gcLog(log));
        append.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> append.add("-D" + k + "=" + v));
        for (String option : append) {
            if (option.contains(" ")) {
                throw new IllegalArgumentException("JAVA_OPTS_APPEND is split on spaces: " + option);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS", String.join(" ", jvmArgs()));
        pb.environment().put("JAVA_OPTS_APPEND", String.join(" ", append));
        pb.environment().put("STACK_AGENT_WEBHOOK_GITHUB_SECRET", WEBHOOK_SECRET);
        long started = System.nanoTime();
        Process p = pb.start();
        Processes.register(p);
        return new AgentProcess(p, started, port, log);
    }

    /** The agent's extra JVM options, {@code bench.agent-jvm-args} split on spaces. */
    static List<String> jvmArgs() {
        return List.of(System.getProperty("bench.agent-jvm-args", "").split("\\s+")).stream().filter(a -> !a.isBlank()).toList();
    }

    /** {@code target/stack-agent} for {@code target/quarkus-app/quarkus-run.jar}: the build copies the launcher there. */
    static Path launcher(Path jar) {
        Path launcher = jar.toAbsolutePath().getParent().resolveSibling("stack-agent");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " missing or not executable: package the agent first (./mvnw -B -Pbench verify does)");
        }
        return launcher;
    }

    /** Waits for {@code GET /q/health/ready} to answer 200; returns the time since the process started. */
    Duration awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + ": see " + log);
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the agent was not ready within " + timeout + ": see " + log);
    }

    /** Sends a signed GitHub push event for {@code sha}; fails unless the agent answers 202. */
    void pushWebhook(String sha, String cloneUrl) throws Exception {
        String body = """
                {"ref":"refs/heads/main","after":"%s","repository":{"clone_url":"%s","full_name":"bench/stacks"}}"""
                .formatted(sha, cloneUrl);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/webhooks/github")).timeout(Duration.ofSeconds(10))
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", sign(body)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 202) {
            throw new IllegalStateException("webhook answered " + status);
        }
    }

    /** utime + stime of the agent process ({@code /proc/<pid>/stat}). */
    Duration cpuTime() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Duration.ofMillis(ticks * 1000 / Bench.clockTicksPerSecond());
    }

    /** CPU time of the agent's threads so far, by thread name ({@link Bench#cpuMsByThread}). */
    Map<String, Long> cpuMsByThread() throws IOException {
        return Bench.cpuMsByThread(process.pid());
    }

    /** A field of {@code /proc/<pid>/status} in KiB: VmRSS (resident now) or VmHWM (peak resident). */
    long statusKib(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc status");
    }

    /** Heap in use now (all heap pools, from {@code /q/metrics}). */
    long heapUsedBytes() throws Exception {
        return (long) sum(HEAP, metrics());
    }

    /**
     * The most heap the agent has had in use since it started: the largest occupancy before a GC pause
     * in its GC log, or the heap in use now if that is more (MiB resolution). Costs the agent nothing.
     */
    long peakHeapBytes() throws Exception {
        long peakMib = 0;
        Path gc = gcLog(log);
        if (Files.exists(gc)) {
            Matcher m = GC_PAUSE.matcher(Files.readString(gc));
            while (m.find()) {
                peakMib = Math.max(peakMib, Long.parseLong(m.group(1)));
            }
        }
        return Math.max(peakMib * 1024 * 1024, heapUsedBytes());
    }

    private static Path gcLog(Path log) {
        return log.resolveSibling(log.getFileName() + ".gc");
    }

    /** Syncs done so far, over every stack and result. */
    long syncs() throws Exception {
        return (long) sum(SYNCS, metrics());
    }

    private String metrics() throws Exception {
        return get("/q/metrics").body();
    }

    private static double sum(Pattern p, String text) {
        Matcher m = p.matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
