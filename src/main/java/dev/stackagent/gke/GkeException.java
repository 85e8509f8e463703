package dev.stackagent.gke;

/** A GKE call or operation failed; the message is GKE's own, prefixed with what the agent was doing. */
public class GkeException extends RuntimeException {

    public GkeException(String message) {
        super(message);
    }

    public GkeException(String message, Throwable cause) {
        super(message, cause);
    }
}
