package dev.stackagent.desired;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code notifications:} in {@code stack.yaml}: the alert channels this stack's Warning outcomes go
 * to, by name. Only channels the platform team configured on the agent count
 * ({@code stack-agent.notifications.alerts.channels.<name>}); any other name is ignored with a
 * warning, so a committer chooses among destinations and never adds one. Empty: every channel.
 */
@RegisterForReflection
public record NotificationsSpec(List<String> alerts) {
    public static final NotificationsSpec NONE = new NotificationsSpec(List.of());

    public NotificationsSpec {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
