package dev.stackagent.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;

/**
 * Live objects from a watch cache where it knows them, from the API server otherwise: a
 * {@link ObjectCache.State#FOUND} object is the cache's copy, an {@link ObjectCache.State#ABSENT}
 * one is not read at all, an {@link ObjectCache.State#UNKNOWN} one is read as without a cache
 * (grouped by {@code delegate}).
 */
public final class CachedLiveObjects implements LiveObjects {
    private final LiveObjects delegate;
    private final ObjectCache cache;

    public CachedLiveObjects(LiveObjects delegate, ObjectCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public ObjectNode get(ObjectRef ref) {
        ObjectCache.Lookup hit = cache.lookup(ref);
        return switch (hit.state()) {
            case FOUND -> hit.object();
            case ABSENT -> null;
            case UNKNOWN -> delegate.get(ref);
        };
    }

    @Override
    public Map<String, ObjectNode> getAll(Collection<ObjectRef> refs) {
        Map<String, ObjectNode> out = new HashMap<>();
        List<ObjectRef> unknown = new ArrayList<>();
        for (ObjectRef ref : refs) {
            ObjectCache.Lookup hit = cache.lookup(ref);
            switch (hit.state()) {
                case FOUND -> out.put(ref.key(), hit.object());
                case ABSENT -> { }
                case UNKNOWN -> unknown.add(ref);
            }
        }
        if (!unknown.isEmpty()) out.putAll(delegate.getAll(unknown));
        return out;
    }
}
