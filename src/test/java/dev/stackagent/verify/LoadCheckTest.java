package dev.stackagent.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.desired.VerificationSpec;

class LoadCheckTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** The seed's pass criteria: 100 requests, concurrency 20, P95 < 1500 ms, >= 12 req/s, 0 failures. */
    private static final VerificationSpec.Load SEED = new VerificationSpec.Load(true, null, null, null, null, null, null);

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LoadResult run(VerificationSpec.Load load) {
        VerificationRequest request = new VerificationRequest(server.baseUrl(), FakeOpenAiServer.QWEN, null, 0,
                Duration.ofSeconds(10), false);
        return new LoadCheck(HTTP, Clock.systemUTC()).run(request, load);
    }

    @Test
    void aFastServerPassesTheSeedsCriteria() {
        LoadResult result = run(SEED);

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.concurrency()).isEqualTo(20);
        assertThat(result.failures()).isZero();
        assertThat(result.gates()).extracting(GateResult::gate)
                .containsExactly(LoadGate.P95_LATENCY, LoadGate.THROUGHPUT, LoadGate.FAILURES);
        assertThat(result.p50()).isLessThanOrEqualTo(result.p95());
        assertThat(result.p95()).isLessThanOrEqualTo(result.max());
        assertThat(result.firstFailure()).isNull();
        assertThat(server.completions.get()).isEqualTo(100);
        assertThat(server.maxInFlight.get()).isBetween(1, 20);
        assertThat(server.completionBodies.peek()).contains("\"max_tokens\":50")
                .contains("Explain quantum computing in one sentence:");
    }

    @Test
    void failedRequestsFailTheFailuresGateOnly() {
        server.failCompletion = n -> n % 10 == 0;
        LoadResult result = run(SEED);

        assertThat(result.failedGates()).containsExactly(LoadGate.FAILURES);
        assertThat(result.failures()).isEqualTo(10);
        assertThat(result.summary()).isEqualTo("FAILURES: 10 of 100 requests failed (at most 0 allowed)");
        assertThat(result.firstFailure()).startsWith("HTTP 500");
    }

    @Test
    void aFewSlowRequestsFailTheLatencyGate() {
        // 5 of 20 requests take >= 300 ms: the nearest-rank P95 is one of them, whatever the machine does.
        server.slowCompletion = n -> n % 4 == 0;
        server.slowMillis = 300;
        LoadResult result = run(new VerificationSpec.Load(true, 20, 5, 50, Duration.ofMillis(200), 0.1, 0));

        assertThat(result.failedGates()).containsExactly(LoadGate.P95_LATENCY);
        assertThat(result.p95()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.summary()).startsWith("P95_LATENCY: p95 ").endsWith(" > 200ms");
    }

    @Test
    void aSlowServerFailsTheThroughputGate() {
        // One at a time, each >= 100 ms: at most 10 req/s.
        server.slowCompletion = n -> true;
        server.slowMillis = 100;
        LoadResult result = run(new VerificationSpec.Load(true, 4, 1, 50, Duration.ofSeconds(10), 12.0, 0));

        assertThat(result.failedGates()).containsExactly(LoadGate.THROUGHPUT);
        assertThat(result.throughput()).isLessThanOrEqualTo(10.0);
        assertThat(server.maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void aDeadServerFailsEveryGate() {
        server.completionsStatus = 503;
        LoadResult result = run(new VerificationSpec.Load(true, 5, 2, 50, null, null, null));

        assertThat(result.failedGates()).containsExactly(LoadGate.P95_LATENCY, LoadGate.THROUGHPUT, LoadGate.FAILURES);
        assertThat(result.gates().get(0).message()).isEqualTo("no successful requests");
        assertThat(result.p95()).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> ms = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
        assertThat(LoadCheck.percentile(ms, 95)).isEqualTo(Duration.ofMillis(95));
        assertThat(LoadCheck.percentile(ms, 50)).isEqualTo(Duration.ofMillis(50));
        assertThat(LoadCheck.percentile(List.of(Duration.ofMillis(9)), 95)).isEqualTo(Duration.ofMillis(9));
        assertThat(LoadCheck.percentile(List.of(), 95)).isNull();
    }

    @Test
    void aLoadResultFailsTheWholeVerification() {
        VerificationResult checks = new ModelVerifier(HTTP, Clock.systemUTC()).verify(new VerificationRequest(
                server.baseUrl(), FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false));
        server.failCompletion = n -> true;
        VerificationResult result = checks.withLoad(run(new VerificationSpec.Load(true, 3, 1, 50, null, null, null)));

        assertThat(checks.passed()).isTrue();
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).startsWith("failed: load (P95_LATENCY: no successful requests;");
    }
}
