package dev.stackagent.triggers;

/** A kind the agent manages and watches, e.g. {@code apps/v1 Deployment} or {@code v1 ConfigMap}. */
public record WatchedKind(String apiVersion, String kind) {

    @Override
    public String toString() {
        return apiVersion + " " + kind;
    }
}
