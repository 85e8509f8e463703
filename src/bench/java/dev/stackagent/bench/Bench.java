package dev.stackagent.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.stackagent.desired.ClusterRef;

/** The benchmark's settings (system properties {@code bench.*}, all optional) and small shared helpers. */
final class Bench {
    static final ClusterRef CLUSTER = new ClusterRef("bench-project", "europe-west4-a", "bench-cluster");
    static final String AGENT_NAMESPACE = "stack-agent";

    /** Stack counts of the first-sync scale phase. */
    final List<Integer> scale = ints(System.getProperty("bench.scale", "10,100,500"));
    /** Stack count of the latency and idle phases (also run as a scale step when absent from {@link #scale}). */
    final int latencyStacks = Integer.getInteger("bench.latency-stacks", 100);
    final int webhookCommits = Integer.getInteger("bench.commits", 50);
    final int pollCommits = Integer.getInteger("bench.poll-commits", 10);
    final String pollInterval = System.getProperty("bench.poll-interval", "2s");
    final int driftEdits = Integer.getInteger("bench.drift-edits", 30);
    final String resyncInterval = System.getProperty("bench.resync-interval", "10s");
    final int idleResyncs = Integer.getInteger("bench.idle-resyncs", 3);
    /** Starts of the start-up phase (process start -> ready, each a new JVM); 0 skips it. */
    final int startups = Integer.getInteger("bench.startups", 5);
    final String jar = System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar");
    final String out = System.getProperty("bench.out", "");

    static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    /** "500ms", "2s", "10m", "1h". */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long v = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(v);
            case 'm' -> Duration.ofMinutes(v);
            case 'h' -> Duration.ofHours(v);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static long clockTicksPerSecond() {
        return 100; // USER_HZ on Linux; the same on every architecture the JDK supports
    }

    /**
     * CPU time of a process's threads so far, grouped by thread name without its number
     * ({@code /proc/<pid>/task/<tid>/stat}; the kernel keeps 15 characters of a name): where the
     * CPU goes between the syncs ({@code stack-agent-wor}), the HTTP client's event loop
     * ({@code vert.x-eventloo}), the JIT compilers ({@code C2 CompilerThre}) and the collector ({@code GC Thread}).
     * Threads that ended before the call are not counted.
     */
    static Map<String, Long> cpuMsByThread(long pid) throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#]?\\d+$", "").trim();
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byName.merge(name, ticks * 1000 / clockTicksPerSecond(), Long::sum);
            }
        }
        return byName;
    }

    /** What {@code after} adds to {@code before}, per thread name, leaving out threads under 50 ms. */
    static Map<String, Long> cpuDelta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((t, ms) -> {
            long d = ms - before.getOrDefault(t, 0L);
            if (d >= 50) {
                delta.put(t, d);
            }
        });
        return delta;
    }

    /** CPU time of the benchmark's own JVM (the test servers live in it), all threads. */
    static long ownCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
