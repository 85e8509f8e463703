package dev.stackagent.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Live objects read straight from the API server: one GET per object, or, when a stack holds
 * several objects of one kind in one namespace, one LIST of that kind in that namespace.
 */
public final class KubernetesLiveObjects implements LiveObjects {
    private final KubernetesClient client;

    public KubernetesLiveObjects(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Map<String, ObjectNode> getAll(Collection<ObjectRef> refs) {
        Map<String, List<ObjectRef>> groups = new LinkedHashMap<>();
        refs.forEach(r -> groups.computeIfAbsent(r.apiVersion() + "|" + r.kind() + "|" + r.namespace(), k -> new ArrayList<>()).add(r));
        Map<String, ObjectNode> out = new HashMap<>();
        for (List<ObjectRef> group : groups.values()) {
            ObjectRef first = group.get(0);
            // Secrets are read one by one: the agent holds no right to list Secrets (least privilege).
            if (group.size() < 2 || first.namespace() == null || "Secret".equals(first.kind())) {
                group.forEach(r -> {
                    ObjectNode o = get(r);
                    if (o != null) out.put(r.key(), o);
                });
                continue;
            }
            Set<String> names = new HashSet<>();
            group.forEach(r -> names.add(r.name()));
            try {
                for (GenericKubernetesResource r : client.genericKubernetesResources(first.apiVersion(), first.kind())
                        .inNamespace(first.namespace()).list().getItems()) {
                    if (names.contains(r.getMetadata().getName())) {
                        ObjectRef ref = new ObjectRef(first.apiVersion(), first.kind(), first.namespace(), r.getMetadata().getName());
                        out.put(ref.key(), client.getKubernetesSerialization().convertValue(r, ObjectNode.class));
                    }
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) throw new LiveReadException(first, e); // 404: the namespace is not there yet
            }
        }
        return out;
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
