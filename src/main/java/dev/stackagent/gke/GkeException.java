package dev.stackagent.gke;

import com.google.api.gax.rpc.ApiException;

import io.grpc.Status;

/** A GKE call or operation failed; the message is GKE's own, prefixed with what the agent was doing. */
public class GkeException extends RuntimeException {

    public GkeException(String message) {
        super(message);
    }

    public GkeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** GKE's own words for a failed call ("CODE: description"), without the transport's exception class. */
    static String gkeMessage(ApiException e) {
        String description = Status.fromThrowable(e).getDescription();
        return e.getStatusCode().getCode() + ": " + (description != null ? description : e.getMessage());
    }
}
