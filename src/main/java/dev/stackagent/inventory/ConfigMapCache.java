package dev.stackagent.inventory;

import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * A watch cache of the agent's own ConfigMaps (those labelled as the agent's in its namespace), so
 * inventories are read without a request. The writer tells it about its own writes and deletes: a
 * cached copy older than the agent's last write of that ConfigMap is never answered.
 */
public interface ConfigMapCache {
    /** Knows nothing: every ConfigMap is read. */
    ConfigMapCache NONE = new ConfigMapCache() {
        @Override
        public Cached get(String name) {
            return Cached.UNKNOWN;
        }

        @Override
        public List<ConfigMap> list() {
            return null;
        }
    };

    /** What the cache knows of one ConfigMap: {@code known} false means read it; known and null means it does not exist. */
    record Cached(boolean known, ConfigMap configMap) {
        public static final Cached UNKNOWN = new Cached(false, null);
    }

    Cached get(String name);

    /** Every one of the agent's ConfigMaps, or null when the cache cannot answer for all of them (list them). */
    List<ConfigMap> list();

    /** Call before writing or deleting {@code name}; then exactly one of {@link #wrote}, {@link #deleted} or {@link #failed}. */
    default void writing(String name) {
    }

    default void wrote(String name, String resourceVersion) {
    }

    default void deleted(String name) {
    }

    /** The write or delete {@link #writing} announced failed: its outcome is unknown, so {@code name} stays unknown (read) until a later write. */
    default void failed(String name) {
    }
}
