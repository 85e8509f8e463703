package dev.stackagent.schedule;

import java.util.Set;

/**
 * An estimated cost in US dollars. {@code unpricedMachineTypes} lists machine types with no known
 * price; their nodes count as free, so the estimate is a lower bound when it is not empty.
 */
public record CostEstimate(double dollars, Set<String> unpricedMachineTypes) {
    public CostEstimate {
        unpricedMachineTypes = Set.copyOf(unpricedMachineTypes);
    }

    public boolean complete() {
        return unpricedMachineTypes.isEmpty();
    }
}
