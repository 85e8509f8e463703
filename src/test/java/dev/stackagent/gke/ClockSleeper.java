package dev.stackagent.gke;

import java.time.Duration;

import dev.stackagent.testing.MutableClock;

/** GKE operation waits that pass simulated time: waiting 4 s moves the test clock 4 s. */
public final class ClockSleeper implements Sleeper {
    private final MutableClock clock;

    public ClockSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        clock.advance(duration);
    }
}
