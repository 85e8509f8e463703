package dev.stackagent.gke;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How the agent talks to the GKE API about the stack cluster's node pools.
 *
 * <pre>
 * stack-agent.gke.enabled=true
 * stack-agent.gke.endpoint=localhost:9090          # default: GKE's own endpoint
 * stack-agent.gke.plaintext=false                  # only allowed for a loopback endpoint
 * stack-agent.gke.operations.poll-initial-interval=1s
 * stack-agent.gke.operations.poll-max-interval=30s
 * stack-agent.gke.operations.timeout=60m
 * stack-agent.gke.busy-retry.max-attempts=20
 * stack-agent.gke.busy-retry.max-wait=30m
 * </pre>
 */
@ConfigMapping(prefix = "stack-agent.gke")
public interface GkeConfig {

    /** When false the agent manages Kubernetes objects only; node pools are reported "not managed". */
    @WithDefault("true")
    boolean enabled();

    /** {@code host:port} of the GKE API (an emulator or a fake); empty means GKE's default endpoint. */
    Optional<String> endpoint();

    /** Talk plaintext gRPC without credentials. Refused unless the endpoint host is loopback. */
    @WithDefault("false")
    boolean plaintext();

    /** How often the node pools of every stack are compared with GKE (GKE has no watch). */
    @WithDefault("2m")
    java.time.Duration pollInterval();

    Operations operations();

    @WithName("busy-retry")
    BusyRetry busyRetry();

    interface Operations {
        /** First wait between two {@code getOperation} polls; doubles up to the maximum. */
        @WithDefault("1s")
        Duration pollInitialInterval();

        @WithDefault("30s")
        Duration pollMaxInterval();

        /** How long one GKE operation may take before the sync gives up waiting (it keeps running in GKE). */
        @WithDefault("60m")
        Duration timeout();
    }

    /** Retries when GKE says the cluster is busy (CLUSTER_ALREADY_HAS_OPERATION) or RESOURCE_EXHAUSTED. */
    interface BusyRetry {
        @WithDefault("20")
        int maxAttempts();

        @WithDefault("30m")
        Duration maxWait();
    }
}
