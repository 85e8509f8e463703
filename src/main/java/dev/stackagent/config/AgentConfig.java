package dev.stackagent.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The agent's own identity and loop settings ({@code stack-agent.*}). Git and GKE have their own groups. */
@ConfigMapping(prefix = "stack-agent")
public interface AgentConfig {

    /** Namespace the agent runs in; inventories and its Lease live here. */
    @WithDefault("stack-agent")
    String namespace();

    /** The cluster this agent manages: it reconciles only the stacks that target it. */
    Cluster cluster();

    /**
     * This pod's name ({@code stack-agent.pod-name}, env {@code STACK_AGENT_POD_NAME}; the
     * {@code POD_NAME} environment variable the Deployment sets from the downward API is read too).
     * The leader labels this pod and uses the name in its Lease identity; empty outside Kubernetes.
     */
    @WithDefault("${POD_NAME:}")
    Optional<String> podName();

    /** Periodic full resync, a safety net beside watches and webhooks. */
    @WithDefault("10m")
    Duration resyncInterval();

    interface Cluster {
        Optional<String> project();

        Optional<String> location();

        Optional<String> name();
    }
}
