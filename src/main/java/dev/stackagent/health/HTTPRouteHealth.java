package dev.stackagent.health;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health of a Gateway API {@code HTTPRoute}: every parent in {@code status.parents[]} has
 * {@code Accepted=True} and {@code ResolvedRefs=True}; a False condition is Degraded, a missing or
 * Unknown one Progressing; see {@link ParentStatuses}.
 */
public final class HTTPRouteHealth implements HealthRule {

    @Override
    public Health health(JsonNode live, Instant now) {
        return ParentStatuses.judge(live, live.path("status").path("parents"));
    }
}
