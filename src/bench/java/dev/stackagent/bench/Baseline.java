package dev.stackagent.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** (f) The first sync without the agent: a plain fabric8 client loop creating the same objects. */
final class Baseline {
    private Baseline() {
    }

    /** The baseline's time and the requests it made (by HTTP method: one POST per object). */
    record Result(double ms, Map<String, Integer> requests) {
    }

    /** (f) the same objects created by a plain fabric8 loop, in kind order, on a fresh server; parsing is not timed. */
    static Result firstSync(int n) throws Exception {
        try (MockApiServer fresh = MockApiServer.start()) {
            KubernetesClient client = fresh.client;
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
            fresh.requestsByMethod();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String ns = BenchStacks.namespace(i);
                for (HasMetadata o : perStack.get(i)) {
                    if (o.getKind().equals("Namespace")) {
                        client.resource(o).create();
                    } else {
                        client.resource(o).inNamespace(ns).create();
                    }
                }
            }
            double elapsed = Bench.ms(System.nanoTime() - t0);
            Map<String, Integer> requests = fresh.requestsByMethod();
            ApiChecks.awaitAllObjects(client, n, Duration.ofSeconds(10));
            return new Result(elapsed, requests);
        }
    }
}
