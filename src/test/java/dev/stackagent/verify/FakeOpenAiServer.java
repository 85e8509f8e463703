package dev.stackagent.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local server speaking the few OpenAI (vLLM) endpoints the verification uses, under the seed's
 * path prefix, with switches to make each endpoint fail, slow down or serve another model.
 */
final class FakeOpenAiServer implements AutoCloseable {

    static final String PREFIX = "/llm-d-inference-scheduling/qwen2-3b-pattern1";
    static final String QWEN = "Qwen/Qwen2.5-3B-Instruct";

    volatile int healthStatus = 200;
    volatile long healthDelayMillis;
    volatile List<String> models = List.of(QWEN);
    volatile int modelsStatus = 200;
    volatile int completionsStatus = 200;
    volatile int chatStatus = 200;
    volatile boolean emptyChoices;
    volatile int metricsStatus = 200;
    volatile String metricsBody = """
            # HELP vllm:num_requests_running Number of requests currently running.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{model_name="Qwen/Qwen2.5-3B-Instruct"} 0.0
            """;
    /** Completion requests (numbered from 1) that answer HTTP 500. */
    volatile IntPredicate failCompletion = n -> false;
    /** Completion requests (numbered from 1) that take {@link #slowMillis} longer. */
    volatile IntPredicate slowCompletion = n -> false;
    volatile long slowMillis;
    /** The {@code text} of a completion and the {@code content} of a chat answer. */
    volatile String completionText = " Quantum computers use qubits.";
    volatile String chatText = "Qubits.";
    /** The body of a failed completion. */
    volatile String errorBody = "{\"error\":\"out of memory\"}";

    final ConcurrentLinkedQueue<String> completionBodies = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> chatBodies = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> authorizationHeaders = new ConcurrentLinkedQueue<>();
    final AtomicInteger completions = new AtomicInteger();
    /** Every request the fake received, whatever its path. */
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(PREFIX + "/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizationHeaders.add(auth);
            }
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = read(exchange.getRequestBody());
            switch (exchange.getRequestMethod() + " " + path) {
                case "GET /health" -> {
                    pause(healthDelayMillis);
                    respond(exchange, healthStatus, healthStatus == 200 ? "" : "{\"error\":\"engine dead\"}");
                }
                case "GET /v1/models" -> respond(exchange, modelsStatus, modelList());
                case "POST /v1/completions" -> completion(exchange, body);
                case "POST /v1/chat/completions" -> {
                    chatBodies.add(body);
                    respond(exchange, chatStatus, chatStatus != 200 ? "{\"error\":\"chat template missing\"}"
                            : emptyChoices ? "{\"choices\":[]}"
                                    : "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                                            + quote(chatText) + "}}],\"usage\":{\"completion_tokens\":3}}");
                }
                case "GET /metrics" -> respond(exchange, metricsStatus, metricsBody);
                default -> respond(exchange, 404, "{\"detail\":\"Not Found\"}");
            }
        }
    }

    private void completion(HttpExchange exchange, String body) throws IOException {
        int n = completions.incrementAndGet();
        completionBodies.add(body);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (slowCompletion.test(n)) {
                pause(slowMillis);
            }
            if (completionsStatus != 200 || failCompletion.test(n)) {
                respond(exchange, completionsStatus != 200 ? completionsStatus : 500, errorBody);
            } else if (emptyChoices) {
                respond(exchange, 200, "{\"choices\":[]}");
            } else {
                respond(exchange, 200, "{\"choices\":[{\"index\":0,\"text\":" + quote(completionText) + "}],"
                        + "\"usage\":{\"completion_tokens\":7}}");
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String modelList() {
        StringBuilder b = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < models.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(models.get(i)).append("\",\"object\":\"model\"}");
        }
        return b.append("]}").toString();
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis); // simulated server latency, inside the fake only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
