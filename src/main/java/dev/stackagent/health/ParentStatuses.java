package dev.stackagent.health;

import dev.stackagent.kube.Conditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Health from Gateway API style per-parent status ({@code status.parents[]} of an HTTPRoute or an
 * InferencePool): each parent must have {@code Accepted=True}; {@code ResolvedRefs} must not be
 * False or Unknown. The worst parent decides; all parents of that rank are named.
 */
final class ParentStatuses {

    private ParentStatuses() {
    }

    static Health judge(JsonNode live, JsonNode parents) {
        long generation = live.path("metadata").path("generation").asLong(0);
        List<Health> verdicts = new ArrayList<>();
        if (parents != null && parents.isArray()) {
            for (JsonNode parent : parents) {
                if (isNoParentSentinel(parent.path("parentRef"))) {
                    continue;
                }
                verdicts.add(judgeParent(parent, generation));
            }
        }
        if (verdicts.isEmpty()) {
            return Health.progressing("not yet accepted by any parent Gateway (status.parents is empty)");
        }
        HealthStatus worst = verdicts.stream().map(Health::status)
                .reduce(HealthStatus.HEALTHY, HealthStatus::worst);
        List<String> messages = verdicts.stream().filter(v -> v.status() == worst).map(Health::message).toList();
        return new Health(worst, String.join("; ", messages));
    }

    private static Health judgeParent(JsonNode parent, long generation) {
        String who = "parent " + describeRef(parent.path("parentRef"));
        JsonNode conditions = parent.path("conditions");
        Optional<JsonNode> accepted = Conditions.find(conditions, "Accepted");
        Optional<JsonNode> resolved = Conditions.find(conditions, "ResolvedRefs");
        if (accepted.isPresent() && "False".equals(accepted.get().path("status").asText())) {
            return Health.degraded(who + ": " + Conditions.describe(accepted.get()));
        }
        if (resolved.isPresent() && "False".equals(resolved.get().path("status").asText())) {
            return Health.degraded(who + ": " + Conditions.describe(resolved.get()));
        }
        if (accepted.isEmpty() || !"True".equals(accepted.get().path("status").asText())) {
            return Health.progressing(who + ": not yet Accepted"
                    + accepted.map(c -> " (" + Conditions.describe(c) + ")").orElse(""));
        }
        if (resolved.isPresent() && !"True".equals(resolved.get().path("status").asText())) {
            return Health.progressing(who + ": " + Conditions.describe(resolved.get()));
        }
        long observed = accepted.get().path("observedGeneration").asLong(generation);
        if (observed < generation) {
            return Health.progressing(who + ": status is for generation " + observed
                    + ", the object is at generation " + generation);
        }
        return Health.healthy(who + ": Accepted");
    }

    /** InferencePool v1alpha2 lists {@code kind: Status, name: default} when it has no parent. */
    private static boolean isNoParentSentinel(JsonNode ref) {
        return "Status".equals(ref.path("kind").asText()) && "default".equals(ref.path("name").asText());
    }

    private static String describeRef(JsonNode ref) {
        String kind = ref.path("kind").asText("Gateway");
        String namespace = ref.path("namespace").asText("");
        String name = ref.path("name").asText("?");
        String section = ref.path("sectionName").asText("");
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + (section.isEmpty() ? "" : "#" + section);
    }
}
