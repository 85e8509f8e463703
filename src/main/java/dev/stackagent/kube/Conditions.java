package dev.stackagent.kube;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads Kubernetes-style condition lists ({@code type}, {@code status}, {@code reason}, ...). */
public final class Conditions {

    private Conditions() {
    }

    /** The condition of the given type in a {@code conditions} array, if there is one. */
    public static Optional<JsonNode> find(JsonNode conditions, String type) {
        if (conditions == null || !conditions.isArray()) {
            return Optional.empty();
        }
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "True", "False", "Unknown", or "" when the condition is absent. */
    public static String status(JsonNode conditions, String type) {
        return find(conditions, type).map(c -> c.path("status").asText("")).orElse("");
    }

    public static boolean isTrue(JsonNode conditions, String type) {
        return "True".equals(status(conditions, type));
    }

    public static boolean isFalse(JsonNode conditions, String type) {
        return "False".equals(status(conditions, type));
    }

    /** "Type=Status (Reason: message)", leaving out what is empty. */
    public static String describe(JsonNode condition) {
        StringBuilder b = new StringBuilder()
                .append(condition.path("type").asText("?"))
                .append('=')
                .append(condition.path("status").asText("?"));
        String reason = condition.path("reason").asText("");
        String message = condition.path("message").asText("");
        if (!reason.isEmpty() || !message.isEmpty()) {
            b.append(" (");
            b.append(reason);
            if (!reason.isEmpty() && !message.isEmpty()) {
                b.append(": ");
            }
            b.append(message);
            b.append(')');
        }
        return b.toString();
    }

    /** An RFC 3339 timestamp field, if present and well-formed. */
    public static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
