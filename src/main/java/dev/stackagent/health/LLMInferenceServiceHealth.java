package dev.stackagent.health;

import dev.stackagent.kube.Conditions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health of a KServe {@code LLMInferenceService} ({@code serving.kserve.io/v1alpha1}).
 *
 * <ul>
 * <li>being deleted: Progressing;</li>
 * <li>{@code spec.replicas: 0}: Suspended (the stack sleeps);</li>
 * <li>condition {@code Ready=True} for the current generation: Healthy;</li>
 * <li>otherwise not ready, naming the false parts ({@code WorkloadsReady}, {@code RouterReady},
 * {@code SchedulerWorkloadReady}, {@code GatewaysReady}, {@code HTTPRoutesReady},
 * {@code InferencePoolReady}): Progressing within the start-up allowance, Degraded after. The
 * allowance runs from the latest of the creation, the {@code Ready} condition's last transition and
 * a {@code since} instant the caller gives (e.g. when it woke the stack).</li>
 * </ul>
 */
public final class LLMInferenceServiceHealth implements HealthRule {

    /** The conditions KServe aggregates into {@code Ready}, in the order they are reported. */
    public static final List<String> PARTS = List.of("WorkloadsReady", "RouterReady",
            "SchedulerWorkloadReady", "GatewaysReady", "HTTPRoutesReady", "InferencePoolReady");

    private final StartupAllowance allowance;

    public LLMInferenceServiceHealth(Duration startupAllowance) {
        this.allowance = new StartupAllowance(startupAllowance);
    }

    @Override
    public Health health(JsonNode live, Instant now) {
        return health(live, now, null);
    }

    /** As {@link #health(JsonNode, Instant)}, with the allowance running from at least {@code since}. */
    @Override
    public Health health(JsonNode live, Instant now, Instant since) {
        JsonNode metadata = live.path("metadata");
        if (!metadata.path("deletionTimestamp").isMissingNode()) {
            return Health.progressing("being deleted");
        }
        JsonNode replicas = live.path("spec").path("replicas");
        if (replicas.isIntegralNumber() && replicas.asInt() == 0) {
            return Health.suspended("scaled to zero (spec.replicas: 0)");
        }
        JsonNode status = live.path("status");
        JsonNode conditions = status.path("conditions");
        Optional<JsonNode> ready = Conditions.find(conditions, "Ready");
        String problem = problem(metadata, status, conditions, ready);
        if (problem == null) {
            String url = status.path("url").asText("");
            return Health.healthy(url.isEmpty() ? "Ready" : "Ready at " + url);
        }
        return allowance.judge(problem, now, Stream.of(
                Conditions.instant(metadata.get("creationTimestamp")),
                ready.flatMap(r -> Conditions.instant(r.get("lastTransitionTime"))),
                Optional.ofNullable(since)));
    }

    /** Why the service is not ready, or null when it is. */
    private static String problem(JsonNode metadata, JsonNode status, JsonNode conditions,
            Optional<JsonNode> ready) {
        long generation = metadata.path("generation").asLong(0);
        long observed = status.path("observedGeneration").asLong(-1);
        if (status.has("observedGeneration") && observed < generation) {
            return "KServe has not yet observed generation " + generation + " (observed " + observed + ")";
        }
        if (ready.isEmpty()) {
            return conditions.isArray() && !conditions.isEmpty()
                    ? "not Ready: no Ready condition yet"
                    : "not Ready: no status from KServe yet";
        }
        if ("True".equals(ready.get().path("status").asText())) {
            return null;
        }
        List<String> falseParts = new ArrayList<>();
        for (String part : PARTS) {
            Conditions.find(conditions, part)
                    .filter(c -> "False".equals(c.path("status").asText()))
                    .filter(c -> !"Info".equals(c.path("severity").asText()))
                    .ifPresent(c -> falseParts.add(Conditions.describe(c)));
        }
        if (falseParts.isEmpty()) {
            return "not Ready: " + Conditions.describe(ready.get());
        }
        return "not Ready: " + String.join("; ", falseParts);
    }
}
