package dev.stackagent.live;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;

/**
 * What a watch cache knows of an object before the snapshot reads it (as controller-runtime's
 * cached client): {@link State#FOUND} (a copy at least as new as the agent's own last write),
 * {@link State#ABSENT} (known not to exist, e.g. its namespace does not) or {@link State#UNKNOWN}
 * (read it from the API server, as without a cache).
 */
public interface ObjectCache {
    /** Knows nothing: every object is read. */
    ObjectCache NONE = ref -> Lookup.UNKNOWN;

    enum State {
        FOUND, ABSENT, UNKNOWN
    }

    /** The answer for one object; {@code object} is a copy the caller may change, set only when FOUND. */
    record Lookup(State state, ObjectNode object) {
        public static final Lookup ABSENT = new Lookup(State.ABSENT, null);
        public static final Lookup UNKNOWN = new Lookup(State.UNKNOWN, null);

        public static Lookup found(ObjectNode object) {
            return new Lookup(State.FOUND, object);
        }
    }

    Lookup lookup(ObjectRef ref);
}
