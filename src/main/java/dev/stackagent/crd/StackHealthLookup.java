package dev.stackagent.crd;

import java.util.Optional;

import dev.stackagent.health.Health;

/** Where the Stack resource's status finds a stack's latest health verdict (empty until one was made). */
@FunctionalInterface
public interface StackHealthLookup {
    Optional<Health> health(String stack);

    /** No health checks wired: the Healthy condition stays Unknown. */
    static StackHealthLookup none() {
        return stack -> Optional.empty();
    }
}
