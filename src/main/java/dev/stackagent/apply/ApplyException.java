package dev.stackagent.apply;

import dev.stackagent.desired.ObjectRef;

/** An object could not be applied; the message carries the API server's reason. */
public final class ApplyException extends RuntimeException {
    public ApplyException(ObjectRef ref, String verb, String reason, Throwable cause) {
        super(verb + " " + ref + " failed: " + reason, cause);
    }
}
