package dev.stackagent.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for a provider's API (GitHub, GitLab, Gitea, Slack, a webhook): records every
 * request (method, raw path, headers, body) and answers with the scripted responses, then 201.
 */
final class FakeProviderApi implements AutoCloseable {
    record Recorded(String method, String path, Headers headers, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    FakeProviderApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Answer answer;
            synchronized (this) {
                requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), body));
                answer = script.isEmpty() ? new Answer(201, Map.of()) : script.pollFirst();
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests are answered with these, in order. */
    synchronized FakeProviderApi answer(int status, Map<String, String> headers) {
        script.addLast(new Answer(status, headers));
        return this;
    }

    synchronized FakeProviderApi answer(int status) {
        return answer(status, Map.of());
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized int count() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
