package dev.stackagent.live;

import java.util.List;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.Stack;
import io.fabric8.kubernetes.api.model.Secret;

/** Offline stand-ins for secret copies: the Secret the agent would create, without any value. */
public final class SecretCopyPlaceholders {
    private SecretCopyPlaceholders() {
    }

    public static List<DesiredObject> of(Stack stack) {
        return stack.config().secretCopies().stream().map(c -> SecretCopySource.desired(stack, c, new Secret())).toList();
    }
}
