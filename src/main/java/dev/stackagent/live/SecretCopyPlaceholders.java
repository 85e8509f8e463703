package dev.stackagent.live;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.SecretCopy;
import dev.stackagent.desired.Stack;

/** Offline stand-ins for secret copies: the Secret the agent would create, without any value. */
public final class SecretCopyPlaceholders {
    private SecretCopyPlaceholders() {
    }

    public static List<DesiredObject> of(Stack stack) {
        return stack.config().secretCopies().stream().map(c -> placeholder(stack, c)).toList();
    }

    private static DesiredObject placeholder(Stack stack, SecretCopy copy) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1").put("kind", "Secret");
        body.putObject("metadata").put("name", copy.targetName()).put("namespace", copy.namespace())
                .putObject("annotations").put("stack-agent.dev/copied-from", copy.fromNamespace() + "/" + copy.fromName());
        return new DesiredObject(new ObjectRef("v1", "Secret", copy.namespace(), copy.targetName()), body,
                stack.dir() + "stack.yaml", 0);
    }
}
