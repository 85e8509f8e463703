package dev.stackagent.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;

/** Reads live Kubernetes objects. The one read the diff needs, behind an interface. */
public interface LiveObjects {
    /** The live object, or null when it does not exist. */
    ObjectNode get(ObjectRef ref);

    /** The live objects that exist among {@code refs}, keyed by {@link ObjectRef#key()}. */
    default Map<String, ObjectNode> getAll(Collection<ObjectRef> refs) {
        Map<String, ObjectNode> out = new HashMap<>();
        for (ObjectRef ref : refs) {
            ObjectNode o = get(ref);
            if (o != null) out.put(ref.key(), o);
        }
        return out;
    }
}
