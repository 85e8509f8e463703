package dev.stackagent.triggers;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Work queue settings ({@code stack-agent.queue.*}). The full resync interval is {@code stack-agent.resync-interval}. */
@ConfigMapping(prefix = "stack-agent.queue")
public interface QueueConfig {

    /** How many keys (stacks, the Git fetch) may run at the same time. */
    @WithDefault("4")
    int parallelism();

    /** Delay bound after the first failure; doubles with each further failure. */
    @WithDefault("1s")
    Duration backoffBase();

    /** Cap on the retry delay. */
    @WithDefault("5m")
    Duration backoffMax();

    /** Watch events for one stack within this window lead to one run. */
    @WithDefault("500ms")
    Duration debounce();

    /** On shutdown, how long running work may take to finish. */
    @WithDefault("30s")
    Duration shutdownGrace();
}
