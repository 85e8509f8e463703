package dev.stackagent.verify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.stackagent.desired.VerificationSpec;

/**
 * What {@link ModelVerifier} checks: the base URL the OpenAI API lives under, the served model name
 * (null: any listed model, the first is used), the prompt and {@code max_tokens} of the completion
 * requests, the timeout of each request, and whether {@code /metrics} must show vLLM series.
 */
public record VerificationRequest(URI baseUrl, String model, String prompt, int maxTokens, Duration timeout,
        boolean metrics) {

    /** The seed's Phase 4 prompt. */
    public static final String DEFAULT_PROMPT = "Explain quantum computing in one sentence:";
    public static final int DEFAULT_MAX_TOKENS = 50;

    public VerificationRequest {
        Objects.requireNonNull(baseUrl, "baseUrl");
        prompt = prompt == null || prompt.isBlank() ? DEFAULT_PROMPT : prompt;
        maxTokens = maxTokens <= 0 ? DEFAULT_MAX_TOKENS : maxTokens;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    public static VerificationRequest from(VerificationSpec spec, URI baseUrl) {
        int maxTokens = spec.load() != null ? spec.load().maxTokens() : DEFAULT_MAX_TOKENS;
        return new VerificationRequest(baseUrl, spec.model(), spec.prompt(), maxTokens, spec.timeout(),
                Boolean.TRUE.equals(spec.metrics()));
    }
}
