package dev.stackagent.apply;

import dev.stackagent.desired.ObjectRef;

/** Told the resource version the API server gave an object the agent just created or patched (so watches can skip the echo). */
@FunctionalInterface
public interface WriteListener {
    void wrote(ObjectRef ref, String resourceVersion);

    WriteListener NONE = (ref, rv) -> { };
}
