package dev.stackagent.health;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The health of one kind of Kubernetes object: a pure function of the live object and the time.
 * {@code live} is never null here ({@link HealthRegistry} answers Missing for absent objects).
 */
@FunctionalInterface
public interface HealthRule {
    Health health(JsonNode live, Instant now);

    /**
     * As {@link #health(JsonNode, Instant)}, where a start-up allowance also runs from {@code since}
     * (e.g. the moment the agent woke the stack); rules without an allowance ignore it.
     */
    default Health health(JsonNode live, Instant now, Instant since) {
        return health(live, now);
    }
}
