package dev.stackagent.triggers;

/**
 * The answer to one webhook call: HTTP status, a short result for the metric tag
 * ({@code queued}, {@code ignored}, {@code pong}, {@code unauthorized}, {@code malformed},
 * {@code not_configured}, {@code too_large}, {@code unknown_provider}) and a message for the sender.
 */
public record WebhookResponse(int status, String result, String message) {

    static WebhookResponse queued() {
        return new WebhookResponse(202, "queued", "accepted: git fetch queued");
    }

    static WebhookResponse ignored(String why) {
        return new WebhookResponse(202, "ignored", "ignored: " + why);
    }

    static WebhookResponse pong() {
        return new WebhookResponse(200, "pong", "pong");
    }

    static WebhookResponse unauthorized() {
        return new WebhookResponse(401, "unauthorized", "signature verification failed");
    }

    static WebhookResponse malformed() {
        return new WebhookResponse(400, "malformed", "malformed JSON payload");
    }

    static WebhookResponse notConfigured(String what) {
        return new WebhookResponse(503, "not_configured", what);
    }

    static WebhookResponse tooLarge(long limit) {
        return new WebhookResponse(413, "too_large", "request body larger than " + limit + " bytes");
    }

    static WebhookResponse unknownProvider() {
        return new WebhookResponse(404, "unknown_provider", "unknown webhook provider; use github, gitlab or generic");
    }
}
