package dev.stackagent.notify.alert;

import java.time.Instant;

/** One alert message: firing (the condition holds) or resolved (it cleared). {@code stack} is empty for the agent. */
public record Alert(String stack, String cluster, AlertKind kind, String reason, String message, String revision, boolean firing,
        Instant at) {

    public String state() {
        return firing ? "firing" : "resolved";
    }

    public String severity() {
        return firing ? "warning" : "info";
    }
}
