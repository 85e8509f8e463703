package dev.stackagent.live;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.SecretCopy;
import dev.stackagent.desired.Stack;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Turns a stack's {@code secretCopies} into desired Secrets by reading their sources live. The
 * values go from one Secret to the other and nowhere else (not Git, logs, events or status).
 */
public final class SecretCopySource {
    private final KubernetesClient client;

    public SecretCopySource(KubernetesClient client) {
        this.client = client;
    }

    public List<DesiredObject> materialize(Stack stack) {
        List<DesiredObject> out = new ArrayList<>();
        for (SecretCopy copy : stack.config().secretCopies()) {
            Secret source = client.secrets().inNamespace(copy.fromNamespace()).withName(copy.fromName()).get();
            if (source == null) {
                throw new IllegalStateException("secretCopies: source Secret " + copy.fromNamespace() + "/" + copy.fromName()
                        + " does not exist (create it, or remove the copy from " + stack.dir() + "stack.yaml)");
            }
            out.add(desired(stack, copy, source));
        }
        return out;
    }

    /** The Secret a copy produces from its source (a source without type or data gives the offline placeholder). */
    static DesiredObject desired(Stack stack, SecretCopy copy, Secret source) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1");
        body.put("kind", "Secret");
        ObjectNode meta = body.putObject("metadata");
        meta.put("name", copy.targetName());
        meta.put("namespace", copy.namespace());
        meta.putObject("annotations").put("stack-agent.dev/copied-from", copy.fromNamespace() + "/" + copy.fromName());
        if (source.getType() != null) {
            body.put("type", source.getType());
        }
        ObjectNode data = body.putObject("data");
        if (source.getData() != null) {
            new TreeMap<>(source.getData()).forEach(data::put);
        }
        return new DesiredObject(new ObjectRef("v1", "Secret", copy.namespace(), copy.targetName()), body,
                stack.dir() + "stack.yaml", 0);
    }
}
