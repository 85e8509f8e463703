package dev.stackagent.triggers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resource versions the agent itself just wrote, so the watcher can drop the events its own
 * writes cause. Optional: without it a self-caused event leads to one sync that finds nothing to
 * change, never to a loop. Keeps the most recent entries only.
 */
public final class OwnWrites {
    private static final int MAX_ENTRIES = 4096;

    private final Map<String, String> versions = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Call after a successful create, update or patch with the resource version the API server returned. */
    public synchronized void record(String kind, String namespace, String name, String resourceVersion) {
        if (resourceVersion != null) versions.put(key(kind, namespace, name), resourceVersion);
    }

    /** Whether this version of the object is one the agent wrote. */
    public synchronized boolean wrote(String kind, String namespace, String name, String resourceVersion) {
        return resourceVersion != null && resourceVersion.equals(versions.get(key(kind, namespace, name)));
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
