package dev.stackagent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.stackagent.desired.Durations;

/**
 * A time budget to become ready: within it a not-ready object is Progressing, after it Degraded.
 * The clock starts at the latest of the instants given (creation, last transition, a wake).
 */
public record StartupAllowance(Duration allowance) {

    public StartupAllowance {
        Objects.requireNonNull(allowance, "allowance");
        if (allowance.isNegative()) {
            throw new IllegalArgumentException("allowance must not be negative: " + allowance);
        }
    }

    /**
     * Progressing or Degraded for a not-ready object, named by {@code problem}; Unknown when no
     * start instant is known.
     */
    Health judge(String problem, Instant now, Stream<Optional<Instant>> starts) {
        Optional<Instant> start = starts.flatMap(Optional::stream).max(Instant::compareTo);
        if (start.isEmpty()) {
            return Health.unknown(problem + "; no timestamp to measure the start-up allowance from");
        }
        Duration elapsed = Duration.between(start.get(), now);
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        // Messages name the deadline, not the elapsed time: a message that changed on every sync would
        // make every status look changed and cost a write per idle sync.
        Instant deadline = start.get().plus(allowance);
        if (elapsed.compareTo(allowance) < 0) {
            return Health.progressing(problem + "; within the " + Durations.format(allowance) + " start-up allowance (until "
                    + deadline + ")");
        }
        return Health.degraded(problem + "; not ready by " + deadline + " (start-up allowance " + Durations.format(allowance)
                + " from " + start.get() + ")");
    }
}
