package dev.stackagent.bench;

import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The fabric8 Kubernetes test server in CRUD mode on a loopback port, with the CRDs the agent's
 * objects need and the agent's own namespace. Counts the requests it receives by HTTP method.
 */
final class MockApiServer implements AutoCloseable {
    final KubernetesMockServer server;
    final NamespacedKubernetesClient client;

    /** The User-Agent of the benchmark's own client, so its requests (setup, polls for the result) are not counted as the agent's. */
    static final String BENCH_USER_AGENT = "stack-agent-bench";

    private MockApiServer(KubernetesMockServer server) {
        this.server = server;
        NamespacedKubernetesClient plain = server.createClient();
        this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(plain.getConfiguration()).withUserAgent(BENCH_USER_AGENT).build())
                .build().adapt(NamespacedKubernetesClient.class);
        plain.close();
    }

    static MockApiServer start() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(Collections.emptyList()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        MockApiServer api = new MockApiServer(server);
        TestCrds.installLlmInferenceService(api.client);
        TestCrds.installStack(api.client);
        api.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(Bench.AGENT_NAMESPACE).endMetadata().build())
                .create();
        api.requestsByMethod();
        return api;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Writes seen by the last {@link #requestsByMethod()}: "METHOD path" (stack names kept) with their count. */
    final Map<String, Integer> lastWrites = new TreeMap<>();
    /** The body of one write seen by the last {@link #requestsByMethod()}, to show what the writes change. */
    String lastWriteBody = "";

    /** Of the last {@link #requestsByMethod()}, those not made by the benchmark's own client (the agent's), by HTTP method. */
    final Map<String, Integer> lastAgentRequests = new TreeMap<>();

    /** Requests received since the last call, by HTTP method (drains the server's request log). */
    Map<String, Integer> requestsByMethod() {
        Map<String, Integer> counts = new TreeMap<>();
        lastWrites.clear();
        lastAgentRequests.clear();
        lastWriteBody = "";
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                counts.merge(r.getMethod(), 1, Integer::sum);
                if (!BENCH_USER_AGENT.equals(r.getHeader("User-Agent"))) {
                    lastAgentRequests.merge(r.getMethod(), 1, Integer::sum);
                }
                if (!r.getMethod().equals("GET")) {
                    lastWrites.merge(r.getMethod() + " " + r.getPath(), 1, Integer::sum);
                    if (lastWriteBody.isEmpty()) {
                        lastWriteBody = r.getMethod() + " " + r.getPath() + " " + r.getUtf8Body();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    static int writes(Map<String, Integer> byMethod) {
        return byMethod.entrySet().stream().filter(e -> !e.getKey().equals("GET")).mapToInt(Map.Entry::getValue).sum();
    }

    static int total(Map<String, Integer> byMethod) {
        return byMethod.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
