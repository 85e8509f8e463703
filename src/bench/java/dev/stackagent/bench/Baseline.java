package dev.stackagent.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * (f) The first sync without the agent: a plain fabric8 client loop creating the same objects, in
 * kind order, stack by stack, on a fresh test server; parsing is not timed. Twice: in the
 * benchmark's JVM ({@link #firstSync}, warm: the reference of {@code ratio}), and in a JVM of its own
 * started for the purpose ({@link #firstSyncColdJvm}, cold, as the agent's is; {@link #main}).
 */
final class Baseline {
    private Baseline() {
    }

    /** The baseline's time and the requests it made (by HTTP method: one POST per object). */
    record Result(double ms, Map<String, Integer> requests) {
    }

    /** (f) the loop in this JVM, warm. */
    static Result firstSync(int n) throws Exception {
        try (MockApiServer fresh = MockApiServer.start()) {
            List<List<HasMetadata>> perStack = objects(fresh.client, n);
            fresh.requestsByMethod();
            double elapsed = createAll(fresh.client, perStack);
            Map<String, Integer> requests = fresh.requestsByMethod();
            ApiChecks.awaitAllObjects(fresh.client, n, Duration.ofSeconds(10));
            return new Result(elapsed, requests);
        }
    }

    /**
     * (f) the same loop in a new JVM with the agent's JVM options ({@code jvmArgs}, and C1 alone, as the
     * launcher runs the agent), against a fresh test server in this JVM: a plain client that starts
     * cold, as the agent does. Its JVM start and the parsing are not timed, only the loop.
     */
    static Result firstSyncColdJvm(int n, List<String> jvmArgs, Path log) throws Exception {
        try (MockApiServer fresh = MockApiServer.start()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.add("-XX:TieredStopAtLevel=1");
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Baseline.class.getName(), fresh.url(), String.valueOf(n)));
            fresh.requestsByMethod();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Processes.register(p);
            try {
                if (!p.waitFor(120 + n, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("the cold baseline failed: see " + log);
                }
            } finally {
                Processes.stop(p, Duration.ofSeconds(5));
            }
            Map<String, Integer> requests = fresh.requestsByMethod();
            ApiChecks.awaitAllObjects(fresh.client, n, Duration.ofSeconds(10));
            String elapsed = Files.readAllLines(log).stream().filter(l -> l.startsWith("elapsedMs=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no elapsedMs in " + log));
            return new Result(Double.parseDouble(elapsed.substring("elapsedMs=".length())), requests);
        }
    }

    /** The cold baseline's JVM: {@code <API server URL> <stacks>}; prints {@code elapsedMs=<loop time>}. */
    public static void main(String[] args) throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(args[0]).withTrustCerts(true).build()).build()) {
            List<List<HasMetadata>> perStack = objects(client, Integer.parseInt(args[1]));
            System.out.println("elapsedMs=" + createAll(client, perStack));
        }
        System.exit(0); // the HTTP client's event-loop threads would keep the JVM alive
    }

    private static List<List<HasMetadata>> objects(KubernetesClient client, int n) throws IOException {
        List<List<HasMetadata>> perStack = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> files = BenchStacks.stack(i, "r0");
            List<HasMetadata> objects = new ArrayList<>();
            objects.add(new NamespaceBuilder().withNewMetadata().withName(BenchStacks.namespace(i)).endMetadata().build());
            for (String f : BenchStacks.FILES) {
                String yaml = files.get("stacks/" + BenchStacks.name(i) + "/manifests/" + f);
                try (InputStream in = new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))) {
                    objects.addAll(client.load(in).items());
                }
            }
            perStack.add(objects);
        }
        return perStack;
    }

    /** Creates every object, stack by stack; returns the milliseconds it took. */
    private static double createAll(KubernetesClient client, List<List<HasMetadata>> perStack) {
        long t0 = System.nanoTime();
        for (int i = 0; i < perStack.size(); i++) {
            String ns = BenchStacks.namespace(i);
            for (HasMetadata o : perStack.get(i)) {
                if (o.getKind().equals("Namespace")) {
                    client.resource(o).create();
                } else {
                    client.resource(o).inNamespace(ns).create();
                }
            }
        }
        return Bench.ms(System.nanoTime() - t0);
    }
}
