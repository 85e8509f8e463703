package dev.stackagent.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The three writes the agent makes: create, RFC 6902 JSON Patch, delete. JSON Patch behaves the
 * same on a real API server and on the fabric8 test server (merge patch does not: the test server
 * appends arrays); a {@code replace} of {@code metadata.resourceVersion} makes every patch
 * conditional, so a concurrent edit answers 409 instead of being overwritten.
 */
public final class KubernetesWriter {
    private final KubernetesClient client;
    private final WriteListener listener;

    public KubernetesWriter(KubernetesClient client) {
        this(client, WriteListener.NONE);
    }

    public KubernetesWriter(KubernetesClient client, WriteListener listener) {
        this.client = client;
        this.listener = listener;
    }

    public void create(ObjectRef ref, ObjectNode body) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(body, GenericKubernetesResource.class);
        written(ref, resource(ref).resource(r).create());
    }

    public void patch(ObjectRef ref, ArrayNode patch) {
        written(ref, resource(ref).withName(ref.name()).patch(PatchContext.of(PatchType.JSON), patch.toString()));
    }

    private void written(ObjectRef ref, GenericKubernetesResource result) {
        if (result != null && result.getMetadata() != null) {
            listener.wrote(ref, result.getMetadata().getResourceVersion());
        }
    }

    public void delete(ObjectRef ref) {
        resource(ref).withName(ref.name()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> resource(ObjectRef ref) {
        var op = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
        return ref.namespace() == null ? op : op.inNamespace(ref.namespace());
    }

    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == 409;
    }
}
