package dev.stackagent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.kube.Conditions;
import dev.stackagent.desired.Durations;

/**
 * Health of a {@code Namespace}: Active is Healthy; Terminating is Progressing until
 * {@code terminatingAllowance} after its {@code deletionTimestamp}, then Degraded (stuck, usually on
 * finalizers; the namespace's {@code Namespace*} conditions are named).
 */
public final class NamespaceHealth implements HealthRule {

    /** How long a namespace may take to terminate before it counts as stuck. */
    public static final Duration DEFAULT_TERMINATING_ALLOWANCE = Duration.ofMinutes(10);

    private final Duration terminatingAllowance;

    public NamespaceHealth(Duration terminatingAllowance) {
        this.terminatingAllowance = terminatingAllowance;
    }

    public NamespaceHealth() {
        this(DEFAULT_TERMINATING_ALLOWANCE);
    }

    @Override
    public Health health(JsonNode live, Instant now) {
        String phase = live.path("status").path("phase").asText("");
        Optional<Instant> deleted = Conditions.instant(live.path("metadata").get("deletionTimestamp"));
        if (!"Terminating".equals(phase) && deleted.isEmpty()) {
            return Health.healthy(phase.isEmpty() ? "present" : phase);
        }
        String problem = "Terminating" + blockers(live.path("status").path("conditions"));
        if (deleted.isEmpty()) {
            return Health.progressing(problem);
        }
        Duration elapsed = Duration.between(deleted.get(), now);
        if (elapsed.compareTo(terminatingAllowance) < 0) {
            return Health.progressing(problem + " for " + Durations.format(elapsed.isNegative() ? Duration.ZERO : elapsed));
        }
        return Health.degraded(problem + "; stuck for " + Durations.format(elapsed)
                + " (allowance " + Durations.format(terminatingAllowance) + ")");
    }

    /** The True {@code Namespace*} conditions (content or finalizers remaining, deletion failures). */
    private static String blockers(JsonNode conditions) {
        List<String> found = new ArrayList<>();
        if (conditions.isArray()) {
            for (JsonNode c : conditions) {
                if ("True".equals(c.path("status").asText()) && c.path("type").asText().startsWith("Namespace")) {
                    found.add(Conditions.describe(c));
                }
            }
        }
        return found.isEmpty() ? "" : ": " + String.join("; ", found);
    }
}
