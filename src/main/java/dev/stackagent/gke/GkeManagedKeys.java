package dev.stackagent.gke;

import java.util.Set;

/**
 * Node labels and taints that GKE puts on a pool by itself. They are never compared and never
 * removed: a desired set is compared with the live set without them, and an update sends them back.
 */
public final class GkeManagedKeys {

    /** Taints GKE adds to accelerator pools (for TPU pools {@code google.com/tpu=present:NoSchedule}). */
    private static final Set<String> ACCELERATOR_TAINTS = Set.of("google.com/tpu", "nvidia.com/gpu");

    private GkeManagedKeys() {
    }

    /** {@code cloud.google.com/*} (gke-nodepool, gke-tpu-accelerator, ...), {@code *.gke.io/*}, {@code goog-*}. */
    public static boolean isGkeLabel(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        return prefix.equals("cloud.google.com") || prefix.endsWith(".cloud.google.com")
                || prefix.equals("gke.io") || prefix.endsWith(".gke.io")
                || key.startsWith("goog-");
    }

    public static boolean isGkeTaint(String key) {
        return ACCELERATOR_TAINTS.contains(key) || isGkeLabel(key);
    }
}
