package dev.stackagent.crd;

import dev.stackagent.live.ObjectCache.State;

/**
 * Where the agent's {@code Stack} resources can be read without a request: the informer the agent
 * already runs on them ({@code triggers.StackRequestWatcher}). Answers as the watch caches of managed
 * objects do ({@code live.ObjectCache}): FOUND with the informer's copy, ABSENT when it has listed, is
 * watching and holds no such resource — which the writer takes for "not found" without a GET (as
 * controller-runtime's cached client does), unless it wrote that resource itself since it started —
 * and UNKNOWN when it cannot say (not listed yet, not watching).
 */
@FunctionalInterface
public interface StackLookup {
    /** What the informer knows of one resource; {@code resource} is its shared copy (never to be changed), set only when FOUND. */
    record Answer(State state, StackResource resource) {
        public static final Answer ABSENT = new Answer(State.ABSENT, null);
        public static final Answer UNKNOWN = new Answer(State.UNKNOWN, null);

        public static Answer found(StackResource resource) {
            return new Answer(State.FOUND, resource);
        }
    }

    Answer lookup(String name);

    /** Knows nothing: every resource is read. */
    StackLookup NONE = name -> Answer.UNKNOWN;
}
