package dev.stackagent.crd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds the status conditions, keeping a condition's {@code lastTransitionTime} while its status
 * stays the same (as {@code meta.SetStatusCondition} does in Go).
 */
final class StackConditions {
    static final String READY = "Ready";
    static final String SYNCED = "Synced";
    static final String HEALTHY = "Healthy";
    static final String ASLEEP = "Asleep";

    private final List<Condition> previous;
    private final Instant now;
    private final Long generation;
    private final List<Condition> next = new ArrayList<>();

    StackConditions(List<Condition> previous, Instant now, Long generation) {
        this.previous = previous == null ? List.of() : previous;
        this.now = now;
        this.generation = generation;
    }

    StackConditions set(String type, Boolean status, String reason, String message) {
        String value = status == null ? "Unknown" : status ? "True" : "False";
        String since = previous.stream().filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).findFirst().orElse(now.toString());
        next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message == null ? "" : message)
                .withLastTransitionTime(since).withObservedGeneration(generation).build());
        return this;
    }

    /** The conditions in a fixed order: Ready, Reconciling, Stalled, Synced, Healthy, Asleep. */
    List<Condition> build() {
        List<String> order = List.of(READY, StackKstatus.RECONCILING, StackKstatus.STALLED, SYNCED, HEALTHY, ASLEEP);
        return next.stream().sorted(java.util.Comparator.comparingInt(c -> order.indexOf(c.getType()))).toList();
    }
}
