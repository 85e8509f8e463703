package dev.stackagent.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.stackagent.diff.Action;
import dev.stackagent.plan.Plan;
import dev.stackagent.verify.VerificationResult;

/** The health of a stack after a sync: each object's kind rule over its live state, and the last verification. Pure. */
public final class StackHealthAssessment {
    private StackHealthAssessment() {
    }

    /**
     * @param since   when the workload was (re)started (the start of a wake), for the start-up allowance; null if unknown
     * @param asleep  the stack sleeps on its schedule: Suspended rather than Degraded
     */
    public static StackHealth assess(HealthRegistry registry, Plan plan, VerificationResult verification, boolean asleep,
            Instant since, Instant now) {
        return assess(registry, plan, verification, java.util.Map.of(), asleep, since, now);
    }

    /** @param tpuNodes the Kubernetes Nodes of each of the stack's TPU pools (pool name to nodes) */
    public static StackHealth assess(HealthRegistry registry, Plan plan, VerificationResult verification,
            java.util.Map<String, List<com.fasterxml.jackson.databind.JsonNode>> tpuNodes, boolean asleep, Instant since, Instant now) {
        List<PartHealth> parts = new ArrayList<>();
        TpuNodeHealth nodeRule = new TpuNodeHealth();
        tpuNodes.forEach((pool, nodes) -> nodes.forEach(n -> parts.add(new PartHealth(
                "Node " + n.path("metadata").path("name").asText() + " (pool " + pool + ")", nodeRule.health(n, now)))));
        for (Plan.Step step : plan.steps()) {
            String part = step.diff().ref().toString();
            if (step.diff().action() == Action.CREATE) {
                parts.add(new PartHealth(part, Health.progressing("created by this sync")));
            } else {
                parts.add(new PartHealth(part, since == null ? registry.health(step.diff().ref().kind(), step.live(), now)
                        : registry.health(step.diff().ref().kind(), step.live(), now, since)));
            }
        }
        if (verification != null && !verification.passed()) {
            parts.add(new PartHealth("verification", Health.degraded(verification.summary())));
        }
        return StackHealth.of(parts, asleep);
    }
}
