package dev.stackagent.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Every process the benchmark starts, stopped at the latest by a JVM shutdown hook. */
final class Processes {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> stop(p, Duration.ofSeconds(5))), "bench-cleanup"));
    }

    private Processes() {
    }

    static void register(Process p) {
        RUNNING.add(p);
    }

    /** SIGTERM, then SIGKILL after the grace period; children of the process too. */
    static void stop(Process p, Duration grace) {
        try {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } finally {
            RUNNING.remove(p);
        }
    }
}
