package dev.stackagent.triggers;

/**
 * Told that a managed object of {@code stack} was added, changed or deleted by someone. Wire it to
 * {@link WorkQueue#enqueueDebounced(String)} so a burst of events leads to one sync.
 */
@FunctionalInterface
public interface StackChangeListener {
    void changed(String stack);
}
