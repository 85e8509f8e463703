package dev.stackagent.notify.delivery;

import java.time.Duration;

/** Waits between attempts; injected so tests never wait. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

    void sleep(Duration d) throws InterruptedException;
}
