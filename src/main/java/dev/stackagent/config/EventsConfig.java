package dev.stackagent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Kubernetes Events ({@code stack-agent.events.*}). The agent always records Events on the Stack
 * resource (one per sync summary, deduplicated); Events on each object it creates, configures or
 * prunes are optional: a first sync of 500 stacks would write thousands of them.
 */
@ConfigMapping(prefix = "stack-agent.events")
public interface EventsConfig {
    /** Also record Created/Configured/Pruned on each managed object (env {@code STACK_AGENT_EVENTS_PER_OBJECT}). */
    @WithDefault("false")
    boolean perObject();
}
