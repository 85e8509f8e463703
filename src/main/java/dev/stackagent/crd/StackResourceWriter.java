package dev.stackagent.crd;

import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.Stack;
import dev.stackagent.report.SyncListener;
import dev.stackagent.report.SyncResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/**
 * Keeps one {@code Stack} resource per reconciled stack in the agent's namespace: creates it when
 * missing, writes only its status (the status subresource, as a JSON Patch) and only when the
 * status changed in more than {@code lastSyncTime} — so an idle stack costs one read per sync and
 * no write — and deletes it when the stack leaves Git. Failures are logged, never thrown: the
 * status is a window, not part of the sync.
 */
public final class StackResourceWriter implements SyncListener {
    private static final Logger LOG = Logger.getLogger(StackResourceWriter.class);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private final String namespace;
    private final String repoUrl;
    private final StackHealthLookup health;

    public StackResourceWriter(KubernetesClient client, String namespace, String repoUrl, StackHealthLookup health) {
        this.client = client;
        this.namespace = namespace;
        this.repoUrl = repoUrl;
        this.health = health;
    }

    @Override
    public void synced(Stack stack, SyncResult result) {
        try {
            if (stack == null) {
                stacks().withName(result.stack()).delete();
            } else {
                write(stack, result);
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot write Stack resource %s/%s: %s", namespace, result.stack(), e.getMessage());
        }
    }

    private void write(Stack stack, SyncResult result) {
        StackSpec spec = new StackSpec(repoUrl, stack.dir().replaceAll("/+$", ""),
                stack.config().cluster() == null ? null : stack.config().cluster().toString());
        StackResource live = stacks().withName(stack.name()).get();
        if (live == null) {
            StackResource created = new StackResource();
            created.setMetadata(new ObjectMetaBuilder().withName(stack.name()).withNamespace(namespace)
                    .withLabels(Map.of(MANAGED_BY, "stack-agent")).build());
            created.setSpec(spec);
            live = stacks().resource(created).create();
        } else if (!Objects.equals(tree(live.getSpec()), tree(spec))) {
            live = stacks().resource(live).edit(r -> {
                r.setSpec(spec);
                return r;
            });
        }
        StackResourceStatus next = StackStatusMapper.next(stack, result,
                result.health() != null ? java.util.Optional.of(result.health().health()) : health.health(stack.name()), live.getStatus(),
                live.getMetadata().getGeneration());
        if (sameIgnoringSyncTime(live.getStatus(), next)) {
            return;
        }
        stacks().resource(live).editStatus(r -> {
            r.setStatus(next);
            return r;
        });
    }

    /** Equal in everything but {@code lastSyncTime}: such a change is not worth a write. */
    boolean sameIgnoringSyncTime(StackResourceStatus current, StackResourceStatus next) {
        if (current == null) {
            return false;
        }
        ObjectNode a = (ObjectNode) tree(current);
        ObjectNode b = (ObjectNode) tree(next);
        a.remove("lastSyncTime");
        b.remove("lastSyncTime");
        return a.equals(b);
    }

    private JsonNode tree(Object o) {
        return client.getKubernetesSerialization().convertValue(o, JsonNode.class);
    }

    private NonNamespaceOperation<StackResource, KubernetesResourceList<StackResource>, Resource<StackResource>> stacks() {
        return client.resources(StackResource.class).inNamespace(namespace);
    }
}
