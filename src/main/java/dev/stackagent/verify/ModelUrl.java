package dev.stackagent.verify;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.desired.VerificationSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where the model answers, and how that was found out. Resolution (a pure function of the spec
 * and the live objects it is given), first match wins:
 * <ol>
 * <li>the explicit {@code verification.url};</li>
 * <li>the Gateway's {@code status.addresses[0].value} plus {@code verification.gateway.path}
 * (default {@code /<namespace>/<name>} of the LLMInferenceService, KServe's route prefix), over
 * plain HTTP like the seed;</li>
 * <li>the LLMInferenceService's {@code status.url}.</li>
 * </ol>
 */
@RegisterForReflection
public record ModelUrl(URI uri, String source) {
    /** The {@link #source()} of an explicit {@code verification.url}: the one the policy's allowed hosts apply to. */
    public static final String EXPLICIT = "verification.url";

    /**
     * @param gateway the live Gateway named by {@code spec.gateway()}, or null
     * @param service the live LLMInferenceService, or null
     */
    public static Optional<ModelUrl> resolve(VerificationSpec spec, JsonNode gateway, JsonNode service) {
        if (spec.url() != null && !spec.url().isBlank()) {
            return Optional.of(new ModelUrl(URI.create(trimSlash(spec.url())), EXPLICIT));
        }
        if (spec.gateway() != null && gateway != null) {
            String address = gateway.path("status").path("addresses").path(0).path("value").asText("");
            if (!address.isEmpty()) {
                String path = spec.gateway().path() != null ? spec.gateway().path() : defaultPath(service);
                String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
                return Optional.of(new ModelUrl(URI.create(trimSlash("http://" + host + normalise(path))),
                        "Gateway " + spec.gateway().namespace() + "/" + spec.gateway().name() + " status.addresses[0]"));
            }
        }
        if (service != null) {
            String url = service.path("status").path("url").asText("");
            if (!url.isEmpty()) {
                return Optional.of(new ModelUrl(URI.create(trimSlash(url)), "LLMInferenceService status.url"));
            }
        }
        return Optional.empty();
    }

    private static String defaultPath(JsonNode service) {
        if (service == null) {
            return "";
        }
        JsonNode metadata = service.path("metadata");
        return "/" + metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
    }

    private static String normalise(String path) {
        return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
