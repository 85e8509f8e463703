package dev.stackagent.verify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.policy.Policy;

/**
 * The seed's load scenario: {@code requests} identical completion requests, {@code concurrency} at a
 * time (a fixed thread pool), gated on P95 latency, throughput and failures (defaults from the
 * seed: 100 requests, concurrency 20, P95 &lt; 1500 ms, at least 12 req/s, no failures). A request
 * fails when it does not complete, is not HTTP 200, or has no {@code choices}. However large the
 * spec asks, no more than the policy's {@code verification.maxLoadRequests} requests are sent, nor
 * more than {@code verification.maxLoadConcurrency} at a time ({@link VerificationGuard}).
 */
public final class LoadCheck {

    private final HttpClient http;
    private final Clock clock;
    private final VerificationGuard guard;

    /** Bounded by the built-in policy ({@link Policy#defaults()}). */
    public LoadCheck(HttpClient http, Clock clock) {
        this(http, clock, Policy.defaults());
    }

    public LoadCheck(HttpClient http, Clock clock, Policy policy) {
        this.http = http;
        this.clock = clock;
        this.guard = VerificationGuard.of(policy);
    }

    /** One request's outcome. */
    private record Sample(boolean ok, Duration latency, String failure) {
    }

    public LoadResult run(VerificationRequest request, VerificationSpec.Load load) {
        int requests = guard.requests(load);
        int concurrency = guard.concurrency(load);
        OpenAiHttp api = new OpenAiHttp(http, request.baseUrl(), request.timeout());
        ObjectNode body = OpenAiHttp.completion(request.model() == null ? "" : request.model(), request.prompt(),
                load.maxTokens());
        List<Callable<Sample>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> one(api, body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "stack-agent-load-check");
            t.setDaemon(true);
            return t;
        });
        List<Sample> samples = new ArrayList<>();
        Instant start = clock.instant();
        try {
            for (Future<Sample> f : pool.invokeAll(calls)) {
                samples.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("load request crashed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.between(start, clock.instant());
        while (samples.size() < requests) {
            samples.add(new Sample(false, Duration.ZERO, "interrupted"));
        }
        return judge(samples, concurrency, elapsed, load);
    }

    private Sample one(OpenAiHttp api, ObjectNode body) {
        Instant start = clock.instant();
        try {
            OpenAiHttp.Response response = api.post("/v1/completions", body);
            Duration latency = Duration.between(start, clock.instant());
            if (response.status() != 200) {
                return new Sample(false, latency, OpenAiHttp.describe(response));
            }
            JsonNode json = OpenAiHttp.json(response);
            if (json == null || json.path("choices").isEmpty()) {
                return new Sample(false, latency, "no choices in the response");
            }
            return new Sample(true, latency, null);
        } catch (OpenAiHttp.CallFailed e) {
            return new Sample(false, Duration.between(start, clock.instant()), e.getMessage());
        }
    }

    static LoadResult judge(List<Sample> samples, int concurrency, Duration elapsed, VerificationSpec.Load load) {
        List<Duration> ok = samples.stream().filter(Sample::ok).map(Sample::latency)
                .sorted(Comparator.naturalOrder()).toList();
        int failures = samples.size() - ok.size();
        Duration p50 = percentile(ok, 50);
        Duration p95 = percentile(ok, 95);
        Duration max = ok.isEmpty() ? null : ok.get(ok.size() - 1);
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        double throughput = ok.size() / seconds;
        List<GateResult> gates = List.of(
                p95 == null
                        ? new GateResult(LoadGate.P95_LATENCY, false, "no successful requests")
                        : new GateResult(LoadGate.P95_LATENCY, p95.compareTo(load.maxP95Latency()) <= 0,
                                "p95 " + millis(p95) + (p95.compareTo(load.maxP95Latency()) <= 0 ? " <= " : " > ")
                                        + millis(load.maxP95Latency())),
                new GateResult(LoadGate.THROUGHPUT, throughput >= load.minThroughput(),
                        String.format(Locale.ROOT, "%.1f req/s %s %.1f req/s", throughput,
                                throughput >= load.minThroughput() ? ">=" : "<", load.minThroughput())),
                new GateResult(LoadGate.FAILURES, failures <= load.maxFailures(),
                        failures + " of " + samples.size() + " requests failed (at most " + load.maxFailures() + " allowed)"));
        String firstFailure = samples.stream().filter(s -> !s.ok()).map(Sample::failure).findFirst().orElse(null);
        return new LoadResult(samples.size(), concurrency, failures, p50, p95, max, throughput, elapsed, gates,
                firstFailure);
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    /** Nearest-rank percentile of sorted values; null for none. */
    static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
