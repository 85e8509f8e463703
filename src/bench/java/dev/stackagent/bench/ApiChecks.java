package dev.stackagent.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/** What the benchmark reads from (and, playing KServe, writes to) the test server while it waits for the agent. */
final class ApiChecks {
    static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

    private ApiChecks() {
    }

    /**
     * Waits until every one of the 10 n objects exists. A watch on the LLMInferenceServices (each stack's
     * last object) tells when they may all be there, then one count of every kind confirms it. It used to
     * poll a LIST every 20 + n/2 ms: the test server lives in the benchmark's JVM, on the same two cores
     * as the agent, and answering those polls took CPU the agent needed — the benchmark measured itself.
     */
    static void awaitAllObjects(KubernetesClient client, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> models = ConcurrentHashMap.newKeySet();
        CountDownLatch allModels = new CountDownLatch(1);
        Watcher<GenericKubernetesResource> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource r) {
                String ns = r.getMetadata().getNamespace();
                if (action != Action.DELETED && action != Action.ERROR && ns != null && ns.startsWith("bench-")) {
                    models.add(ns);
                    if (models.size() >= n) {
                        allModels.countDown();
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                allModels.countDown(); // fall back to counting
            }
        };
        var llmisvcs = client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inAnyNamespace();
        int found = 0;
        try (Watch ignored = llmisvcs.watch(watcher)) {
            // those created before the watch started
            llmisvcs.list().getItems().forEach(r -> watcher.eventReceived(Watcher.Action.ADDED, r));
            allModels.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            while (System.nanoTime() < deadline) {
                found = countAll(client);
                if (found == n * BenchStacks.OBJECTS_PER_STACK) {
                    return;
                }
                Thread.sleep(20 + n / 2);
            }
        }
        throw new IllegalStateException("only " + found + " of " + n * BenchStacks.OBJECTS_PER_STACK + " objects after " + timeout);
    }

    private static int countAll(KubernetesClient client) {
        return count(client.namespaces().list().getItems()) + count(client.serviceAccounts().inAnyNamespace().list().getItems())
                + count(client.configMaps().inAnyNamespace().list().getItems())
                + count(client.network().v1().networkPolicies().inAnyNamespace().list().getItems())
                + count(client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inAnyNamespace().list()
                        .getItems());
    }

    private static int count(List<? extends HasMetadata> items) {
        return (int) items.stream().filter(o -> {
            String ns = o.getKind().equals("Namespace") ? o.getMetadata().getName() : o.getMetadata().getNamespace();
            return ns != null && ns.startsWith("bench-");
        }).count();
    }

    /** The status of the agent's Stack resource for a stack (to show what an idle write changes). */
    static Object stackStatus(KubernetesClient client, String stack) {
        var r = client.genericKubernetesResources("stack-agent.dev/v1alpha1", "Stack").inNamespace(Bench.AGENT_NAMESPACE).withName(stack).get();
        return r == null ? null : r.getAdditionalProperties().get("status");
    }

    static void awaitRev(KubernetesClient client, int i, String rev) throws InterruptedException {
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            ConfigMap cm = client.configMaps().inNamespace(BenchStacks.namespace(i)).withName("settings").get();
            seen = cm == null ? null : cm.getData().get("rev");
            if (rev.equals(seen)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("stack " + BenchStacks.name(i) + ": rev " + seen + ", not " + rev + " after " + CHANGE_TIMEOUT);
    }

    /** Plays KServe: each LLMInferenceService gets {@code Ready=True}, as a healthy model would. */
    static void markModelsReady(KubernetesClient client, int n) {
        String now = Instant.now().toString();
        for (int i = 0; i < n; i++) {
            client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(BenchStacks.namespace(i))
                    .withName("model").editStatus(r -> {
                        r.setAdditionalProperty("status", Map.of("conditions",
                                List.of(Map.of("type", "Ready", "status", "True", "lastTransitionTime", now))));
                        return r;
                    });
        }
    }
}
