package dev.stackagent.crd;

/**
 * Where the agent's {@code Stack} resources can be read without a request: the informer the agent
 * already runs on them ({@code triggers.StackRequestWatcher}). {@link #cached} answers the informer's
 * copy; {@code null} when it cannot say (not listed yet, not watching); {@link #ABSENT} when it has
 * listed, is watching and holds no such resource, which the writer takes for "not found" without a GET
 * (as controller-runtime's cached client does), unless it wrote that resource itself since it started.
 */
@FunctionalInterface
public interface StackLookup {
    /**
     * The answer of {@link #cached} for a resource a listed and watching informer does not hold: compared by
     * identity, never written, never read for its content.
     */
    StackResource ABSENT = new StackResource();

    StackResource cached(String name);

    StackLookup NONE = name -> null;
}
