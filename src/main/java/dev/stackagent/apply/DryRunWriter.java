package dev.stackagent.apply;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Server-side dry runs of a create or a JSON Patch: every request carries {@code dryRun=All} and
 * {@code fieldValidation=Strict}, so the API server runs defaulting, validation (an unknown or
 * duplicate field is rejected, naming it) and admission, and answers with the object as it would
 * store it, without storing anything. This class has no method that sends a request without
 * {@code dryRun=All}: {@code plan --server-dry-run} holds only this, never a {@link KubernetesWriter}.
 */
public final class DryRunWriter {
    /** The value of {@code fieldValidation} on every create and patch the agent sends. */
    static final String STRICT = FieldValidateable.Validation.STRICT.parameterValue();

    private final KubernetesClient client;

    public DryRunWriter(KubernetesClient client) {
        this.client = client;
    }

    /** The object as the server would create it (defaults applied); throws the server's rejection. */
    public ObjectNode create(ObjectRef ref, ObjectNode body) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(body, GenericKubernetesResource.class);
        return json(resource(client, ref).resource(r).dryRun().fieldValidation(FieldValidateable.Validation.STRICT).create());
    }

    /** The object as the server would store it after {@code patch}; throws the server's rejection. */
    public ObjectNode patch(ObjectRef ref, ArrayNode patch) {
        PatchContext context = new PatchContext.Builder().withPatchType(PatchType.JSON).withDryRun(List.of("All"))
                .withFieldValidation(STRICT).build();
        return json(resource(client, ref).withName(ref.name()).patch(context, patch.toString()));
    }

    private ObjectNode json(GenericKubernetesResource r) {
        return r == null ? null : client.getKubernetesSerialization().convertValue(r, ObjectNode.class);
    }

    static NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> resource(KubernetesClient client,
            ObjectRef ref) {
        var op = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
        return ref.namespace() == null ? op : op.inNamespace(ref.namespace());
    }
}
