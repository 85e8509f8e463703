package dev.stackagent.verify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.health.Conditions;
import dev.stackagent.live.LiveObjects;

/**
 * Runs the seed's Phase 4 against a stack when it is due: after a sync that changed the workload
 * and after each wake, once the LLMInferenceService is Ready. Between verifications the last
 * result is reported. A failed verification never rolls anything back; it marks the stack Degraded.
 */
public final class StackVerifier {
    /** Runs the checks against a model URL. */
    @FunctionalInterface
    public interface Probe {
        VerificationResult verify(VerificationSpec spec, URI url);
    }

    private final LiveObjects live;
    private final Probe probe;
    private final Clock clock;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    private final Map<String, VerificationResult> last = new ConcurrentHashMap<>();

    public StackVerifier(LiveObjects live, Probe probe, Clock clock) {
        this.live = live;
        this.probe = probe;
        this.clock = clock;
    }

    /** The checks of {@link ModelVerifier}, plus the load check when the spec turns it on. */
    public static Probe http(java.net.http.HttpClient http, Clock clock) {
        ModelVerifier verifier = new ModelVerifier(http, clock);
        LoadCheck load = new LoadCheck(http, clock);
        return (spec, url) -> {
            VerificationRequest request = VerificationRequest.from(spec, url);
            VerificationResult result = verifier.verify(request);
            return spec.load() != null && spec.load().isEnabled() && result.passed() ? result.withLoad(load.run(request, spec.load())) : result;
        };
    }

    /**
     * Marks verification due when {@code workloadChanged} (the sync created or changed a workload,
     * or a wake finished) and runs it once the model is Ready; returns the latest result, if any.
     */
    public Optional<VerificationResult> after(Stack stack, boolean workloadChanged, boolean awake) {
        VerificationSpec spec = stack.config().verification();
        if (spec == null || !spec.isEnabled()) {
            last.remove(stack.name());
            pending.remove(stack.name());
            return Optional.empty();
        }
        if (workloadChanged) {
            pending.put(stack.name(), true);
        }
        if (!awake || !pending.containsKey(stack.name())) {
            return Optional.ofNullable(last.get(stack.name()));
        }
        JsonNode service = stack.objects().stream().filter(o -> o.ref().kind().equals("LLMInferenceService")).findFirst()
                .map(o -> (JsonNode) live.get(o.ref())).orElse(null);
        if (service == null || !Conditions.isTrue(service.path("status").path("conditions"), "Ready")) {
            return Optional.ofNullable(last.get(stack.name())); // verified once Ready (the watch brings the stack back)
        }
        JsonNode gateway = spec.gateway() == null ? null
                : live.get(new ObjectRef("gateway.networking.k8s.io/v1", "Gateway", spec.gateway().namespace(), spec.gateway().name()));
        VerificationResult result = ModelUrl.resolve(spec, gateway, service)
                .map(url -> probe.verify(spec, url.uri()))
                .orElseGet(() -> new VerificationResult(false, null, List.of(new VerificationCheck("url", false,
                        "no model URL: set verification.url, or the Gateway has no address yet, or the LLMInferenceService has no status.url",
                        Duration.ZERO)), null, clock.instant()));
        pending.remove(stack.name());
        last.put(stack.name(), result);
        return Optional.of(result);
    }

    public void forget(String stack) {
        pending.remove(stack);
        last.remove(stack);
    }
}
