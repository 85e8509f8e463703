package dev.stackagent.gke;

import java.util.OptionalInt;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Counts the Kubernetes Nodes labelled {@code cloud.google.com/gke-nodepool=<pool>}, as kubectl shows them. */
public final class KubernetesNodeCounter implements NodeCounter {

    static final String POOL_LABEL = "cloud.google.com/gke-nodepool";
    private static final Logger LOG = Logger.getLogger(KubernetesNodeCounter.class);

    private final KubernetesClient kubernetes;

    public KubernetesNodeCounter(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    public OptionalInt count(String pool) {
        try {
            return OptionalInt.of(kubernetes.nodes().withLabel(POOL_LABEL, pool).list().getItems().size());
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot count the nodes of pool %s: %s", pool, e.getMessage());
            return OptionalInt.empty();
        }
    }
}
