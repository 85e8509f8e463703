package dev.stackagent.health;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health of a {@code NetworkPolicy}: it has no status, so present is Healthy (being deleted is
 * Progressing). Whether the cluster enforces policies at all is a preflight check.
 */
public final class NetworkPolicyHealth implements HealthRule {

    @Override
    public Health health(JsonNode live, Instant now) {
        if (live.path("metadata").has("deletionTimestamp")) {
            return Health.progressing("being deleted");
        }
        return Health.healthy("present");
    }
}
