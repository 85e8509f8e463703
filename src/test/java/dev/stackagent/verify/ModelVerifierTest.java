package dev.stackagent.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ModelVerifierTest {

    private static final String PROMPT = "Explain quantum computing in one sentence:";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private VerificationRequest request(String model, boolean metrics) {
        return new VerificationRequest(server.baseUrl(), model, PROMPT, 50, Duration.ofSeconds(10), metrics);
    }

    private VerificationResult verify(VerificationRequest request) {
        return new ModelVerifier(HTTP, Clock.systemUTC()).verify(request);
    }

    @Test
    void aServingModelPassesEveryCheck() throws IOException {
        VerificationResult result = verify(request(FakeOpenAiServer.QWEN, true));

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(result.summary()).isEqualTo("passed");
        assertThat(result.url()).isEqualTo(server.baseUrl());
        assertThat(result.checks()).extracting(VerificationCheck::name)
                .containsExactly("health", "models", "completions", "chat-completions", "metrics");
        assertThat(result.check("models").orElseThrow().message()).isEqualTo("serves Qwen/Qwen2.5-3B-Instruct");
        assertThat(result.check("completions").orElseThrow().message()).isEqualTo("1 choice(s), 7 completion tokens: \"Quantum computers use qubits.\"");
        assertThat(result.check("metrics").orElseThrow().message()).isEqualTo("1 vLLM samples");

        JsonNode sent = new ObjectMapper().readTree(server.completionBodies.peek());
        assertThat(sent.path("model").asText()).isEqualTo(FakeOpenAiServer.QWEN);
        assertThat(sent.path("prompt").asText()).isEqualTo(PROMPT);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
        JsonNode chat = new ObjectMapper().readTree(server.chatBodies.peek());
        assertThat(chat.path("messages").path(0).path("content").asText()).isEqualTo(PROMPT);
        assertThat(server.authorizationHeaders).isEmpty();
    }

    @Test
    void eachCheckIsTimedWithTheGivenClock() {
        Instant start = Instant.parse("2025-06-02T07:20:00Z");
        VerificationResult result = new ModelVerifier(HTTP, new SteppingClock(start, Duration.ofMillis(7)))
                .verify(request(FakeOpenAiServer.QWEN, false));

        assertThat(result.at()).isEqualTo(start);
        assertThat(result.checks()).extracting(VerificationCheck::latency).containsOnly(Duration.ofMillis(7));
    }

    @Test
    void aFailingHealthEndpointIsNamedAndTheOtherChecksStillRun() {
        server.healthStatus = 503;
        VerificationResult result = verify(request(FakeOpenAiServer.QWEN, false));

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).extracting(VerificationCheck::name).containsExactly("health");
        assertThat(result.summary()).isEqualTo("failed: health (HTTP 503: {\"error\":\"engine dead\"})");
        assertThat(result.checks()).hasSize(4);
    }

    @Test
    void anotherModelBeingServedFailsTheModelsCheck() {
        server.models = List.of("Qwen/Qwen2.5-7B-Instruct");
        VerificationResult result = verify(request(FakeOpenAiServer.QWEN, false));

        assertThat(result.failures()).extracting(VerificationCheck::name).containsExactly("models");
        assertThat(result.check("models").orElseThrow().message())
                .isEqualTo("model Qwen/Qwen2.5-3B-Instruct is not listed; served: [Qwen/Qwen2.5-7B-Instruct]");
    }

    @Test
    void aPartialNameDoesNotMatchAConfiguredModel() {
        server.models = List.of("Qwen");
        assertThat(verify(request(FakeOpenAiServer.QWEN, false)).failures())
                .extracting(VerificationCheck::name).containsExactly("models");
    }

    @Test
    void withoutAConfiguredModelTheFirstListedOneIsUsed() throws IOException {
        server.models = List.of("served-qwen", "other");
        VerificationResult result = verify(request(null, false));

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(result.check("models").orElseThrow().message()).isEqualTo("serves [served-qwen, other]");
        assertThat(new ObjectMapper().readTree(server.completionBodies.peek()).path("model").asText())
                .isEqualTo("served-qwen");
    }

    @Test
    void noModelsListedFails() {
        server.models = List.of();
        assertThat(verify(request(null, false)).check("models").orElseThrow().message()).isEqualTo("no models listed");
    }

    @Test
    void emptyChoicesFailBothCompletionChecks() {
        server.emptyChoices = true;
        VerificationResult result = verify(request(FakeOpenAiServer.QWEN, false));

        assertThat(result.failures()).extracting(VerificationCheck::name)
                .containsExactly("completions", "chat-completions");
        assertThat(result.check("completions").orElseThrow().message())
                .isEqualTo("no choices in the response: HTTP 200: {\"choices\":[]}");
    }

    @Test
    void aChatErrorFailsOnlyTheChatCheck() {
        server.chatStatus = 400;
        VerificationResult result = verify(request(FakeOpenAiServer.QWEN, false));

        assertThat(result.failures()).extracting(VerificationCheck::name).containsExactly("chat-completions");
        assertThat(result.check("chat-completions").orElseThrow().message()).startsWith("HTTP 400");
    }

    @Test
    void metricsWithoutVllmSeriesFailOnlyWhenAskedFor() {
        server.metricsBody = "# HELP process_cpu_seconds_total x\nprocess_cpu_seconds_total 1.0\n";
        assertThat(verify(request(FakeOpenAiServer.QWEN, true)).failures()).extracting(VerificationCheck::name)
                .containsExactly("metrics");
        assertThat(verify(request(FakeOpenAiServer.QWEN, false)).passed()).isTrue();

        server.metricsBody = "vllm_request_success_total 3\n";
        assertThat(verify(request(FakeOpenAiServer.QWEN, true)).passed()).isTrue();
    }

    @Test
    void aSlowEndpointTimesOut() {
        server.healthDelayMillis = 500;
        VerificationRequest request = new VerificationRequest(server.baseUrl(), FakeOpenAiServer.QWEN, PROMPT, 50,
                Duration.ofMillis(50), false);
        VerificationResult result = verify(request);

        assertThat(result.failures()).extracting(VerificationCheck::name).containsExactly("health");
        assertThat(result.check("health").orElseThrow().message()).isEqualTo("GET /health timed out after 50ms");
    }

    @Test
    void anUnreachableServerFailsEveryCheckWithTheReason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VerificationResult result = verify(new VerificationRequest(URI.create("http://127.0.0.1:" + closedPort + "/x"),
                FakeOpenAiServer.QWEN, PROMPT, 50, Duration.ofSeconds(5), false));

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).hasSize(4);
        assertThat(result.check("health").orElseThrow().message()).startsWith("GET /health failed: ConnectException");
    }
}
