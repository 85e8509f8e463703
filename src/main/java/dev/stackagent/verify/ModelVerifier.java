package dev.stackagent.verify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks that the model really answers, as the seed's Phase 4 does by hand, against the model URL
 * ({@link ModelUrl}). Every check runs (one failure does not hide the others), each timed with the
 * injected {@link Clock}:
 * <ol>
 * <li>{@code health}: {@code GET /health} is 200;</li>
 * <li>{@code models}: {@code GET /v1/models} lists the model by exact id (without a configured
 * model: any model, the first one is used below);</li>
 * <li>{@code completions}: {@code POST /v1/completions} returns a non-empty {@code choices};</li>
 * <li>{@code chat-completions}: {@code POST /v1/chat/completions} returns a non-empty {@code choices};</li>
 * <li>{@code metrics} (when asked for): {@code GET /metrics} exposes vLLM series ({@code vllm:} or
 * {@code vllm_}).</li>
 * </ol>
 * Sends no credentials and logs nothing; whatever of a response a message quotes (an error body,
 * the listed model ids, the model's answer) is an {@link Excerpt}: one line of at most
 * {@value Excerpt#MAX} characters, credentials redacted.
 */
public final class ModelVerifier {

    public static final String HEALTH = "health";
    public static final String MODELS = "models";
    public static final String COMPLETIONS = "completions";
    public static final String CHAT_COMPLETIONS = "chat-completions";
    public static final String METRICS = "metrics";

    private final HttpClient http;
    private final Clock clock;

    public ModelVerifier(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public VerificationResult verify(VerificationRequest request) {
        Instant at = clock.instant();
        OpenAiHttp api = new OpenAiHttp(http, request.baseUrl(), request.timeout());
        List<VerificationCheck> checks = new ArrayList<>();
        checks.add(timed(HEALTH, () -> health(api)));
        String[] served = {request.model()};
        checks.add(timed(MODELS, () -> {
            Outcome outcome = models(api, request.model());
            if (served[0] == null) {
                served[0] = outcome.detail;
            }
            return outcome;
        }));
        String model = served[0] == null ? "" : served[0];
        checks.add(timed(COMPLETIONS, () -> choices(api, "/v1/completions",
                OpenAiHttp.completion(model, request.prompt(), request.maxTokens()), false)));
        checks.add(timed(CHAT_COMPLETIONS, () -> choices(api, "/v1/chat/completions",
                OpenAiHttp.chat(model, request.prompt(), request.maxTokens()), true)));
        if (request.metrics()) {
            checks.add(timed(METRICS, () -> metrics(api)));
        }
        return VerificationResult.of(request.baseUrl(), checks, at);
    }

    /** A check's verdict and message; {@code detail} carries data for later checks. */
    private record Outcome(boolean passed, String message, String detail) {
        static Outcome pass(String message) {
            return new Outcome(true, message, null);
        }

        static Outcome fail(String message) {
            return new Outcome(false, message, null);
        }
    }

    private interface Step {
        Outcome run() throws OpenAiHttp.CallFailed;
    }

    private VerificationCheck timed(String name, Step step) {
        Instant start = clock.instant();
        Outcome outcome;
        try {
            outcome = step.run();
        } catch (OpenAiHttp.CallFailed e) {
            outcome = Outcome.fail(e.getMessage());
        }
        return new VerificationCheck(name, outcome.passed, outcome.message, Duration.between(start, clock.instant()));
    }

    private static Outcome health(OpenAiHttp api) throws OpenAiHttp.CallFailed {
        OpenAiHttp.Response response = api.get("/health");
        return response.status() == 200 ? Outcome.pass("HTTP 200") : Outcome.fail(OpenAiHttp.describe(response));
    }

    private static Outcome models(OpenAiHttp api, String wanted) throws OpenAiHttp.CallFailed {
        OpenAiHttp.Response response = api.get("/v1/models");
        if (response.status() != 200) {
            return Outcome.fail(OpenAiHttp.describe(response));
        }
        JsonNode body = OpenAiHttp.json(response);
        if (body == null || !body.path("data").isArray()) {
            return Outcome.fail("not an OpenAI model list: " + OpenAiHttp.describe(response));
        }
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(m -> ids.add(m.path("id").asText()));
        if (ids.isEmpty()) {
            return Outcome.fail("no models listed");
        }
        if (wanted == null || wanted.isBlank()) {
            return new Outcome(true, "serves " + Excerpt.of(ids.toString()), ids.get(0));
        }
        return ids.contains(wanted)
                ? Outcome.pass("serves " + wanted)
                : Outcome.fail("model " + wanted + " is not listed; served: " + Excerpt.of(ids.toString()));
    }

    private static Outcome choices(OpenAiHttp api, String path, com.fasterxml.jackson.databind.node.ObjectNode body,
            boolean chat) throws OpenAiHttp.CallFailed {
        OpenAiHttp.Response response = api.post(path, body);
        if (response.status() != 200) {
            return Outcome.fail(OpenAiHttp.describe(response));
        }
        JsonNode json = OpenAiHttp.json(response);
        if (json == null || !json.path("choices").isArray() || json.path("choices").isEmpty()) {
            return Outcome.fail("no choices in the response: " + OpenAiHttp.describe(response));
        }
        JsonNode first = json.path("choices").path(0);
        String text = chat ? first.path("message").path("content").asText("") : first.path("text").asText("");
        int tokens = json.path("usage").path("completion_tokens").asInt(-1);
        String answer = Excerpt.of(text);
        return Outcome.pass(json.path("choices").size() + " choice(s)"
                + (tokens >= 0 ? ", " + tokens + " completion tokens" : "")
                + (answer.isEmpty() ? ", empty text" : ": \"" + answer + "\""));
    }

    private static Outcome metrics(OpenAiHttp api) throws OpenAiHttp.CallFailed {
        OpenAiHttp.Response response = api.get("/metrics");
        if (response.status() != 200) {
            return Outcome.fail(OpenAiHttp.describe(response));
        }
        long series = response.body().lines()
                .filter(l -> l.startsWith("vllm:") || l.startsWith("vllm_"))
                .count();
        return series > 0
                ? Outcome.pass(series + " vLLM samples")
                : Outcome.fail("no vllm: or vllm_ series in /metrics");
    }
}
