package dev.stackagent.live;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.policy.HardRules;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyViolation;
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
    private final Policy policy;
    private final String agentNamespace;

    /** Copies under the built-in policy, the agent running in the default namespace. */
    public SecretCopySource(KubernetesClient client) {
        this(client, Policy.defaults(), LoadRules.DEFAULT_AGENT_NAMESPACE);
    }

    /**
     * Copies only from sources {@code policy} allows, or whose Secret opts in with
     * {@value HardRules#COPY_TO_ANNOTATION} naming the target namespace; never from the cluster's
     * system namespaces nor {@code agentNamespace}, whatever Git or the policy says.
     */
    public SecretCopySource(KubernetesClient client, Policy policy, String agentNamespace) {
        this.client = client;
        this.policy = policy;
        this.agentNamespace = agentNamespace;
    }

    public List<DesiredObject> materialize(Stack stack) {
        List<DesiredObject> out = new ArrayList<>();
        for (SecretCopy copy : stack.config().secretCopies()) {
            String source = copy.fromNamespace() + "/" + copy.fromName();
            String never = HardRules.secretSourceRefusal(agentNamespace, copy.fromNamespace());
            if (never != null) {
                throw new PolicyViolation("secretCopies: " + never + " (" + source + ")");
            }
            boolean listed = policy.secretCopies().allows(copy.fromNamespace(), copy.fromName());
            if (!listed && !policy.secretCopies().sourceOptIn()) {
                throw new PolicyViolation("secretCopies: copying " + source + " is not allowed by the policy (secretCopies.allowed)");
            }
            Secret secret = client.secrets().inNamespace(copy.fromNamespace()).withName(copy.fromName()).get();
            if (secret == null) {
                throw new IllegalStateException("secretCopies: source Secret " + source
                        + " does not exist (create it, or remove the copy from " + stack.dir() + "stack.yaml)");
            }
            if (!listed && !HardRules.sourceOptsIn(annotation(secret), copy.namespace())) {
                throw new PolicyViolation("secretCopies: " + source + " is not in the policy's secretCopies.allowed and does not opt in: "
                        + "its owner may annotate it " + HardRules.COPY_TO_ANNOTATION + "=" + copy.namespace());
            }
            out.add(desired(stack, copy, secret));
        }
        return out;
    }

    private static String annotation(Secret secret) {
        var annotations = secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(HardRules.COPY_TO_ANNOTATION);
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
