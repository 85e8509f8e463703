package dev.stackagent.health;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health of an {@code InferencePool}, in either API group: {@code inference.networking.k8s.io/v1}
 * reports {@code status.parents[]}, {@code inference.networking.x-k8s.io/v1alpha2} reports
 * {@code status.parent[]} (with a {@code kind: Status, name: default} placeholder while no Gateway
 * has taken it). Each parent must be Accepted with resolved references; see {@link ParentStatuses}.
 */
public final class InferencePoolHealth implements HealthRule {

    @Override
    public Health health(JsonNode live, Instant now) {
        JsonNode status = live.path("status");
        JsonNode parents = status.has("parents") ? status.get("parents") : status.get("parent");
        return ParentStatuses.judge(live, parents);
    }
}
