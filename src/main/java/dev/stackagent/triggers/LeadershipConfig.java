package dev.stackagent.triggers;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Leader election settings ({@code stack-agent.leader-election.*}). The Lease lives in
 * {@code stack-agent.namespace}.
 */
@ConfigMapping(prefix = "stack-agent.leader-election")
public interface LeadershipConfig {

    /** Off: this instance always leads (one replica, or a local run without Lease permissions). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("stack-agent-leader")
    String leaseName();

    /** This instance's identity in the Lease; defaults to the pod name (or host name) plus a random suffix. */
    Optional<String> identity();

    /** How long a Lease holds without renewal; a follower takes over at most this long after the leader died. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** The leader gives up leading when it could not renew for this long. */
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often to try to acquire or renew. */
    @WithDefault("2s")
    Duration retryPeriod();
}
