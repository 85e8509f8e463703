package dev.stackagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Where and when the benchmark ran: cores, memory, Java, load, the agent's commit. */
final class Machine {
    private Machine() {
    }

    static void describe(Map<String, Object> m) {
        m.put("date", Instant.now().toString());
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("memTotalMiB", memTotalKib() / 1024);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("loadAtStart", loadAverage());
        m.put("commit", gitHead());
    }

    static void loadAtEnd(Map<String, Object> m) {
        m.put("loadAtEnd", loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memTotalKib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String gitHead() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
