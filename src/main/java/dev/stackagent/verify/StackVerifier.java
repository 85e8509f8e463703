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
import dev.stackagent.kube.Conditions;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.live.StackSnapshot;
import dev.stackagent.policy.Policy;

/**
 * Runs the seed's Phase 4 against a stack when it is due: after a sync that changed the workload
 * and after each wake, once the LLMInferenceService is Ready. Between verifications the last
 * result is reported. A failed verification never rolls anything back; it marks the stack Degraded.
 * <p>
 * The policy bounds it at run time, whatever validation let through ({@link VerificationGuard}): an
 * explicit {@code verification.url} is called only on a host the policy allows or the stack's
 * Gateway's own address (otherwise the result fails with the reason and no request is made), and
 * the load check of {@link #http(java.net.http.HttpClient, Clock, Policy)} stays within the policy's
 * request and concurrency maxima.
 */
public final class StackVerifier implements ModelCheck {
    /** Runs the checks against a model URL. */
    @FunctionalInterface
    public interface Probe {
        VerificationResult verify(VerificationSpec spec, URI url);
    }

    /** The name of the check that carries a URL problem (none resolved, or refused by the policy). */
    public static final String URL_CHECK = "url";

    private final LiveObjects live;
    private final Probe probe;
    private final Clock clock;
    private final VerificationGuard guard;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();
    private final Map<String, VerificationResult> last = new ConcurrentHashMap<>();

    /** Under the built-in policy ({@link Policy#defaults()}). */
    public StackVerifier(LiveObjects live, Probe probe, Clock clock) {
        this(live, probe, clock, Policy.defaults());
    }

    public StackVerifier(LiveObjects live, Probe probe, Clock clock, Policy policy) {
        this.live = live;
        this.probe = probe;
        this.clock = clock;
        this.guard = VerificationGuard.of(policy);
    }

    /** The checks of {@link ModelVerifier}, plus the load check (within the policy's bounds) when the spec turns it on. */
    public static Probe http(java.net.http.HttpClient http, Clock clock, Policy policy) {
        ModelVerifier verifier = new ModelVerifier(http, clock);
        LoadCheck load = new LoadCheck(http, clock, policy);
        return (spec, url) -> {
            VerificationRequest request = VerificationRequest.from(spec, url);
            VerificationResult result = verifier.verify(request);
            return spec.load() != null && spec.load().isEnabled() && result.passed() ? result.withLoad(load.run(request, spec.load())) : result;
        };
    }

    /**
     * Marks verification due when {@code workloadChanged} (the sync created or changed a workload,
     * or a wake finished) and runs it once the model is Ready; returns the latest result, if any.
     * Reads the model's status itself (see {@link #after(Stack, boolean, boolean, StackSnapshot)}).
     */
    public Optional<VerificationResult> after(Stack stack, boolean workloadChanged, boolean awake) {
        return after(stack, workloadChanged, awake, null);
    }

    @Override
    public Optional<VerificationResult> after(Stack stack, boolean workloadChanged, boolean awake, StackSnapshot snapshot) {
        LiveObjects live = snapshot == null ? this.live : snapshot.view(this.live);
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
        VerificationResult result = verify(spec, gateway, service);
        pending.remove(stack.name());
        last.put(stack.name(), result);
        return Optional.of(result);
    }

    /** Resolves the model URL, refuses it when the policy does not allow it, else runs the probe. */
    private VerificationResult verify(VerificationSpec spec, JsonNode gateway, JsonNode service) {
        Optional<ModelUrl> url;
        try {
            url = ModelUrl.resolve(spec, gateway, service);
        } catch (IllegalArgumentException e) {
            return failed(null, "the model URL is not a valid URI");
        }
        if (url.isEmpty()) {
            return failed(null,
                    "no model URL: set verification.url, or the Gateway has no address yet, or the LLMInferenceService has no status.url");
        }
        URI uri = url.get().uri();
        if (ModelUrl.EXPLICIT.equals(url.get().source())) {
            String gatewayAddress = gateway == null ? null
                    : gateway.path("status").path("addresses").path(0).path("value").asText(null);
            Optional<String> refusal = guard.refusal(uri, gatewayAddress);
            if (refusal.isPresent()) {
                return failed(null, refusal.get());
            }
        }
        return probe.verify(spec, uri);
    }

    private VerificationResult failed(URI url, String message) {
        return new VerificationResult(false, url, List.of(new VerificationCheck(URL_CHECK, false, message, Duration.ZERO)), null,
                clock.instant());
    }

    public void forget(String stack) {
        pending.remove(stack);
        last.remove(stack);
    }
}
