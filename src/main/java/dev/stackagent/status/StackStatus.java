package dev.stackagent.status;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What on-call reads about one stack ({@code GET /api/v1/stacks}). Never carries field values,
 * only field paths, so no Secret value can reach it.
 */
@RegisterForReflection
public record StackStatus(
        String stack,
        String revision,
        String desiredRevision,
        String sync,
        String lastError,
        List<String> validationErrors,
        Instant lastSyncTime,
        Instant lastSuccessfulSyncTime,
        List<ObjectStatus> objects) {

    public StackStatus {
        validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** One object of the stack and what the last sync did with it. */
    @RegisterForReflection
    public record ObjectStatus(String apiVersion, String kind, String namespace, String name, String action, List<String> fields,
            String message) {
    }
}
