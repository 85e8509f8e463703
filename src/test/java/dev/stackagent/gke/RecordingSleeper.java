package dev.stackagent.gke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Returns at once and remembers how long it was asked to sleep. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
