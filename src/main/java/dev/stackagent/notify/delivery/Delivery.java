package dev.stackagent.notify.delivery;

import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * One HTTP request to a notification provider, built when it is sent (so a token or URL file is read
 * then, and a rotated Secret is picked up). {@code what} is a log-safe label: it never holds a token
 * or a webhook URL. {@code stack} is the Stack the delivery is about (null when about the agent).
 */
public record Delivery(String provider, String stack, String what, Request request, Runnable onFailed) {

    /** Builds the request; an {@link IOException} (an unreadable secret file) fails the delivery without a retry. */
    @FunctionalInterface
    public interface Request {
        HttpRequest build() throws IOException;
    }

    public Delivery {
        onFailed = onFailed == null ? () -> {
        } : onFailed;
    }
}
