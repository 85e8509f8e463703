package dev.stackagent.schema;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The schemas of the CRDs installed in a cluster ({@code apiextensions.k8s.io/v1}), read once
 * when built: a snapshot, so build a new one for each load that should see newly installed CRDs
 * (reading every CRD costs one list call, a few MB for KServe). Needs {@code list} on
 * {@code customresourcedefinitions}; without it, or without a cluster, every custom resource is
 * reported as not schema-checked.
 */
public final class ClusterSchemaSource implements SchemaSource {
    private final CrdSchemas schemas;
    private final String problem;

    private ClusterSchemaSource(CrdSchemas schemas, String problem) {
        this.schemas = schemas;
        this.problem = problem;
    }

    /** Reads the CRDs of the cluster {@code client} talks to; a failed read gives an empty source and {@link #problem()}. */
    public static ClusterSchemaSource read(KubernetesClient client) {
        try {
            List<CustomResourceDefinition> crds = client.apiextensions().v1().customResourceDefinitions().list().getItems();
            List<JsonNode> trees = crds.stream().map(crd -> client.getKubernetesSerialization().convertValue(crd, JsonNode.class)).toList();
            return new ClusterSchemaSource(CrdSchemas.fromCrds(trees, "cluster"), null);
        } catch (KubernetesClientException e) {
            return new ClusterSchemaSource(CrdSchemas.fromCrds(List.of(), "cluster"),
                    "cannot read the cluster's CRDs (HTTP " + e.getCode() + "): custom resources are not schema-checked");
        }
    }

    /** Why the CRDs could not be read, or null. */
    public String problem() {
        return problem;
    }

    @Override
    public Optional<Schema> find(String apiVersion, String kind) {
        return schemas.find(apiVersion, kind);
    }

    @Override
    public List<Schema> findAll(String apiVersion, String kind) {
        return schemas.findAll(apiVersion, kind);
    }
}
