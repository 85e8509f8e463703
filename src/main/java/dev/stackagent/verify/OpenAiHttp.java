package dev.stackagent.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.Durations;

/**
 * The few OpenAI-compatible calls the verification makes. Sends no credentials, follows no
 * redirects (the client's default) and logs nothing; reads at most {@value #MAX_BODY_BYTES} bytes
 * of a response; failures come back as a {@link CallFailed} with a message fit for a status field
 * (anything of the server's in it is an {@link Excerpt}).
 */
final class OpenAiHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a response that is read (vLLM's {@code /metrics} is a few hundred KB). */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    OpenAiHttp(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /** A completed exchange. */
    record Response(int status, String body) {
    }

    /** A request that did not complete: refused, timed out, interrupted. */
    static final class CallFailed extends Exception {
        CallFailed(String message) {
            super(message);
        }
    }

    Response get(String path) throws CallFailed {
        return send(HttpRequest.newBuilder(resolve(path)).GET(), "GET " + path);
    }

    Response post(String path, ObjectNode body) throws CallFailed {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "POST " + path);
    }

    /** The body of a completions request. */
    static ObjectNode completion(String model, String prompt, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("prompt", prompt);
        body.put("max_tokens", maxTokens);
        return body;
    }

    /** The body of a chat completions request with one user message. */
    static ObjectNode chat(String model, String prompt, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        body.put("max_tokens", maxTokens);
        return body;
    }

    /** The body as JSON, or null when it is not JSON. */
    static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** "HTTP 503: " and an {@link Excerpt} of the body. */
    static String describe(Response response) {
        String body = Excerpt.of(response.body());
        return "HTTP " + response.status() + (body.isEmpty() ? "" : ": " + body);
    }

    /** The body as text, refused when larger than {@link #MAX_BODY_BYTES} (the rest is never read). */
    private static String read(InputStream in, String what) throws IOException, CallFailed {
        if (in == null) {
            return "";
        }
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new CallFailed(what + ": response larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private URI resolve(String path) {
        return URI.create(base.toString() + path);
    }

    private Response send(HttpRequest.Builder request, String what) throws CallFailed {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Response(response.statusCode(), read(response.body(), what));
        } catch (HttpTimeoutException e) {
            throw new CallFailed(what + " timed out after " + Durations.format(timeout));
        } catch (IOException e) {
            throw new CallFailed(what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Excerpt.of(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(what + " interrupted");
        }
    }
}
