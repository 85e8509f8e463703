package dev.stackagent.live;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;

/** Reads live Kubernetes objects. The one read the diff needs, behind an interface. */
public interface LiveObjects {
    /** The live object, or null when it does not exist. */
    ObjectNode get(ObjectRef ref);
}
