package dev.stackagent.triggers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's own writes, so the watcher can drop the events they cause without racing them. The
 * writer calls {@link #begin} before sending a create or patch and then exactly one of
 * {@link #record} (with the resource version the API server returned) or {@link #abort}, whatever
 * happens. A watch event on an object with a write in flight is held until that write ends; then it
 * is dropped if its version is the one written or older (the write's echo, or a state the
 * conditional write was based on), and reported if newer (someone else changed the object since) or
 * if the write failed. Events on objects with no write in flight are decided at once the same way.
 * Nothing here waits or times out: held events are released by the {@code record} or {@code abort}
 * that ends the write. Keeps the most recent versions only; thread-safe.
 */
public final class OwnWrites {
    private static final int MAX_ENTRIES = 4096;
    /** Past this many events held for one object, further ones are reported at once (an extra sync is always safe). */
    static final int MAX_HELD_PER_OBJECT = 64;

    // guarded by this
    private final Map<String, String> versions = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final Map<String, InFlight> inFlight = new HashMap<>();

    private static final class InFlight {
        int writes;
        final List<Held> held = new ArrayList<>();
    }

    private record Held(String resourceVersion, Runnable report) {
    }

    /** Call just before sending a create or patch of this object; then exactly one of {@link #record} or {@link #abort}. */
    public synchronized void begin(String kind, String namespace, String name) {
        inFlight.computeIfAbsent(key(kind, namespace, name), k -> new InFlight()).writes++;
    }

    /**
     * Call after a successful create or patch with the resource version the API server returned;
     * ends the write {@link #begin} announced. Held events newer than that version are reported
     * on the calling thread; the others are dropped.
     */
    public void record(String kind, String namespace, String name, String resourceVersion) {
        List<Runnable> release;
        synchronized (this) {
            String key = key(kind, namespace, name);
            if (resourceVersion != null) versions.merge(key, resourceVersion, OwnWrites::newest);
            release = end(key);
        }
        release.forEach(Runnable::run);
    }

    /** Call when a write {@link #begin} announced failed (or returned no version): its held events are reported, unless an earlier own write covers them. */
    public void abort(String kind, String namespace, String name) {
        List<Runnable> release;
        synchronized (this) {
            release = end(key(kind, namespace, name));
        }
        release.forEach(Runnable::run);
    }

    /**
     * A watch event (add or change) on this object at this version: {@code report} runs now if the
     * event is not the agent's, later (on the thread that ends the write) if a write to the object is
     * in flight and does not cover it, or never if the agent wrote this version or a newer one.
     */
    public void observe(String kind, String namespace, String name, String resourceVersion, Runnable report) {
        synchronized (this) {
            String key = key(kind, namespace, name);
            InFlight writing = inFlight.get(key);
            if (writing != null && writing.held.size() < MAX_HELD_PER_OBJECT) {
                writing.held.add(new Held(resourceVersion, report));
                return;
            }
            if (writing == null && covers(versions.get(key), resourceVersion)) return;
        }
        report.run();
    }

    /** Whether a write to this object is in flight (announced, neither recorded nor aborted yet). */
    public synchronized boolean writing(String kind, String namespace, String name) {
        return inFlight.containsKey(key(kind, namespace, name));
    }

    /**
     * Whether a copy of this object at {@code resourceVersion} (from a watch cache; null: no copy)
     * may be older than what the agent wrote: a write to it is in flight, or the last version the
     * agent wrote is not covered by {@code resourceVersion} (newer, or, for versions that are not
     * numbers, different). A watch cache answers with its copy only when this is false.
     */
    public synchronized boolean newerThan(String kind, String namespace, String name, String resourceVersion) {
        String key = key(kind, namespace, name);
        if (inFlight.containsKey(key)) return true;
        String written = versions.get(key);
        return written != null && !covers(resourceVersion, written);
    }

    // guarded by this
    private List<Runnable> end(String key) {
        InFlight writing = inFlight.get(key);
        if (writing == null || --writing.writes > 0) return List.of(); // not announced, or another write still in flight
        inFlight.remove(key);
        String written = versions.get(key);
        List<Runnable> release = new ArrayList<>();
        for (Held h : writing.held) {
            if (!covers(written, h.resourceVersion())) release.add(h.report());
        }
        return release;
    }

    /**
     * Whether an event at {@code version} is covered by the agent's write of {@code written}: the
     * same version, or an older one (resource versions are opaque strings to clients; when both are
     * numbers, as etcd's revisions are, a smaller one is older; otherwise only equality counts).
     */
    public static boolean covers(String written, String version) {
        if (written == null || version == null) return false;
        if (written.equals(version)) return true;
        Long w = number(written);
        Long v = number(version);
        return w != null && v != null && v < w;
    }

    private static String newest(String a, String b) {
        Long x = number(a);
        Long y = number(b);
        return x != null && y != null && x > y ? a : b;
    }

    private static Long number(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
