package dev.stackagent.apply;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The three writes the agent makes: create, RFC 6902 JSON Patch, delete. JSON Patch behaves the
 * same on a real API server and on the fabric8 test server (merge patch does not: the test server
 * appends arrays); a {@code replace} of {@code metadata.resourceVersion} makes every patch
 * conditional, so a concurrent edit answers 409 instead of being overwritten. Every create and patch
 * is announced to the {@link WriteListener} before it is sent and its outcome told after. Every create
 * and patch is sent with {@code fieldValidation=Strict}: a field the API server does not know (a typo
 * such as {@code policyType}) is rejected with a 4xx naming it instead of being silently dropped.
 */
public final class KubernetesWriter {
    private final KubernetesClient client;
    private final WriteListener listener;
    private final DryRunWriter dryRun;

    public KubernetesWriter(KubernetesClient client) {
        this(client, WriteListener.NONE);
    }

    public KubernetesWriter(KubernetesClient client, WriteListener listener) {
        this.client = client;
        this.listener = listener;
        this.dryRun = new DryRunWriter(client);
    }

    public void create(ObjectRef ref, ObjectNode body) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(body, GenericKubernetesResource.class);
        write(ref, () -> resource(ref).resource(r).fieldValidation(FieldValidateable.Validation.STRICT).create());
    }

    public void patch(ObjectRef ref, ArrayNode patch) {
        PatchContext context = new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldValidation(DryRunWriter.STRICT).build();
        write(ref, () -> resource(ref).withName(ref.name()).patch(context, patch.toString()));
    }

    /** The same client's dry runs: what the server would store, nothing stored, never announced to the listener. */
    public DryRunWriter dryRun() {
        return dryRun;
    }

    /** Announces the write, sends it, and always tells its outcome: the version written, or a failure. */
    private void write(ObjectRef ref, Supplier<GenericKubernetesResource> send) {
        listener.writing(ref);
        String version = null;
        try {
            GenericKubernetesResource result = send.get();
            version = result == null || result.getMetadata() == null ? null : result.getMetadata().getResourceVersion();
        } finally {
            if (version != null) {
                listener.wrote(ref, version);
            } else {
                listener.failed(ref);
            }
        }
    }

    public void delete(ObjectRef ref) {
        resource(ref).withName(ref.name()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> resource(ObjectRef ref) {
        return DryRunWriter.resource(client, ref);
    }

    static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == 409;
    }
}
