package dev.stackagent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dispatches to the {@link HealthRule} for an object's kind. An absent object (null or a missing
 * node) is Missing whatever its kind; a kind without a rule is Healthy when present. Immutable.
 */
public final class HealthRegistry {

    private final Map<String, HealthRule> rules;

    private HealthRegistry(Map<String, HealthRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** The rules for the stack's kinds; {@code startupAllowance} is the LLMInferenceService's. */
    public static HealthRegistry defaults(Duration startupAllowance) {
        Map<String, HealthRule> rules = new HashMap<>();
        rules.put("LLMInferenceService", new LLMInferenceServiceHealth(startupAllowance));
        rules.put("InferencePool", new InferencePoolHealth());
        rules.put("HTTPRoute", new HTTPRouteHealth());
        rules.put("NetworkPolicy", new NetworkPolicyHealth());
        rules.put("Namespace", new NamespaceHealth());
        rules.put("Node", new TpuNodeHealth());
        return new HealthRegistry(rules);
    }

    /** A copy with {@code rule} for {@code kind} (replacing any rule it had). */
    public HealthRegistry with(String kind, HealthRule rule) {
        Map<String, HealthRule> copy = new HashMap<>(rules);
        copy.put(kind, rule);
        return new HealthRegistry(copy);
    }

    public Optional<HealthRule> ruleFor(String kind) {
        return Optional.ofNullable(rules.get(kind));
    }

    public Health health(String kind, JsonNode live, Instant now) {
        return health(kind, live, now, null);
    }

    /** The health of {@code live}, a start-up allowance also running from {@code since} (nullable). */
    public Health health(String kind, JsonNode live, Instant now, Instant since) {
        if (live == null || live.isMissingNode() || live.isNull()) {
            return Health.missing(kind + " not found");
        }
        HealthRule rule = rules.get(kind);
        if (rule == null) {
            return Health.healthy("present (no health rule for " + kind + ")");
        }
        return rule.health(live, now, since);
    }
}
