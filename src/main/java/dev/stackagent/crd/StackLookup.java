package dev.stackagent.crd;

/**
 * Where the agent's {@code Stack} resources can be read without a request: the informer the agent
 * already runs on them ({@code triggers.StackRequestWatcher}). {@code null} when it does not hold the
 * resource (not listed yet, or there is none).
 */
@FunctionalInterface
public interface StackLookup {
    StackResource cached(String name);

    StackLookup NONE = name -> null;
}
