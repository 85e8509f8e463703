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
 * Health of a TPU {@code Node} of the stack's pool: condition {@code Ready=True}, taint
 * {@code google.com/tpu=present:NoSchedule} and capacity {@code google.com/tpu} equal to the chips
 * per host (4 for {@code ct6e-standard-4t}). A node that lacks any of these is Progressing within
 * its start-up allowance (new nodes take a while to register the TPU device plugin), Degraded after.
 * A cordoned node is Progressing (it is being drained); a node being deleted too.
 */
public final class TpuNodeHealth implements HealthRule {

    public static final String TPU_RESOURCE = "google.com/tpu";
    public static final Duration DEFAULT_READY_ALLOWANCE = Duration.ofMinutes(10);

    private final int expectedChips;
    private final StartupAllowance allowance;

    public TpuNodeHealth(int expectedChips, Duration readyAllowance) {
        this.expectedChips = expectedChips;
        this.allowance = new StartupAllowance(readyAllowance);
    }

    /** Four chips, ten minutes to become ready. */
    public TpuNodeHealth() {
        this(4, DEFAULT_READY_ALLOWANCE);
    }

    @Override
    public Health health(JsonNode live, Instant now) {
        JsonNode metadata = live.path("metadata");
        if (metadata.has("deletionTimestamp")) {
            return Health.progressing("being deleted");
        }
        JsonNode conditions = live.path("status").path("conditions");
        Optional<JsonNode> ready = Conditions.find(conditions, "Ready");
        List<String> problems = new ArrayList<>();
        if (ready.isEmpty()) {
            problems.add("no Ready condition yet");
        } else if (!"True".equals(ready.get().path("status").asText())) {
            problems.add("not Ready: " + Conditions.describe(ready.get()));
        }
        if (!hasTpuTaint(live.path("spec").path("taints"))) {
            problems.add("taint google.com/tpu=present:NoSchedule is missing");
        }
        String capacity = live.path("status").path("capacity").path(TPU_RESOURCE).asText("");
        if (!String.valueOf(expectedChips).equals(capacity)) {
            problems.add("capacity " + TPU_RESOURCE + " is " + (capacity.isEmpty() ? "absent" : capacity)
                    + ", expected " + expectedChips);
        }
        if (!problems.isEmpty()) {
            return allowance.judge(String.join("; ", problems), now, Stream.of(
                    Conditions.instant(metadata.get("creationTimestamp")),
                    ready.flatMap(r -> Conditions.instant(r.get("lastTransitionTime")))));
        }
        if (live.path("spec").path("unschedulable").asBoolean(false)) {
            return Health.progressing("cordoned (spec.unschedulable), being drained");
        }
        return Health.healthy("Ready with " + expectedChips + " TPU chips");
    }

    private static boolean hasTpuTaint(JsonNode taints) {
        if (!taints.isArray()) {
            return false;
        }
        for (JsonNode t : taints) {
            if (TPU_RESOURCE.equals(t.path("key").asText()) && "present".equals(t.path("value").asText())
                    && "NoSchedule".equals(t.path("effect").asText())) {
                return true;
            }
        }
        return false;
    }
}
