package dev.stackagent.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.stackagent.desired.Stack;
import dev.stackagent.schedule.Schedule;

/**
 * {@code plan --at}: an instant with an offset ({@code 2026-12-02T21:00:00+01:00}, {@code ...Z}) or a local date-time
 * ({@code 2026-12-02T21:00}) read in each stack's schedule time zone (UTC for a stack without one).
 */
record PlanInstant(Instant instant, LocalDateTime local) {

    /** {@link IllegalArgumentException} with the accepted forms when {@code text} is neither. */
    static PlanInstant parse(String text) {
        String t = text.trim();
        try {
            return new PlanInstant(OffsetDateTime.parse(t).toInstant(), null);
        } catch (DateTimeParseException e) {
            try {
                return new PlanInstant(null, LocalDateTime.parse(t));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--at must be an ISO date-time with an offset (2026-11-27T19:00:00+01:00) or a local "
                        + "date-time in the stack's time zone (2026-11-27T19:00) (was " + text + ")");
            }
        }
    }

    /** The instant for {@code stack}: a local date-time is read in its schedule's time zone. */
    Instant of(Stack stack) {
        if (instant != null) {
            return instant;
        }
        return local.atZone(zone(stack)).toInstant();
    }

    static ZoneId zone(Stack stack) {
        return stack.config().schedule() == null ? ZoneOffset.UTC : Schedule.zone(stack.config().schedule());
    }

    /** {@code 2026-12-02T21:00:00+01:00}: to the second, in {@code zone}. */
    static String format(Instant at, ZoneId zone) {
        return at.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime().toString();
    }
}
