package dev.stackagent.live;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Live objects read straight from the API server, one GET per object. */
public final class KubernetesLiveObjects implements LiveObjects {
    private final KubernetesClient client;

    public KubernetesLiveObjects(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ObjectNode get(ObjectRef ref) {
        try {
            var op = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
            GenericKubernetesResource r = ref.namespace() == null
                    ? op.withName(ref.name()).get()
                    : op.inNamespace(ref.namespace()).withName(ref.name()).get();
            return r == null ? null : client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw new LiveReadException(ref, e);
        }
    }
}
