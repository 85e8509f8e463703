package dev.stackagent.gke;

import java.time.Duration;

/** Waiting between GKE polls and retries; tests pass one that returns at once. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
