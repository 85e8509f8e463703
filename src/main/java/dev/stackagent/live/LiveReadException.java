package dev.stackagent.live;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** A live object could not be read (API server unreachable, kind unknown to the cluster, forbidden). */
public final class LiveReadException extends RuntimeException {
    public LiveReadException(ObjectRef ref, KubernetesClientException cause) {
        super("cannot read " + ref + " (" + ref.apiVersion() + "): " + describe(cause), cause);
    }

    static String describe(KubernetesClientException e) {
        String m = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        if (m != null && m.contains("Could not find the metadata for")) {
            return "the cluster does not serve this kind (is its CRD installed?)";
        }
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + m;
    }
}
