package dev.stackagent.schedule;

import java.time.Instant;
import java.time.LocalDate;

import dev.stackagent.desired.ScheduleSpec.Window;

/**
 * One awake window on one local date, in instants: the stack is awake from {@code wakeAt}
 * ({@code start - wakeLeadTime}) until {@code end} (exclusive). {@code holiday} marks an occurrence
 * switched off because its date is a holiday.
 */
record WindowOccurrence(Window window, LocalDate date, Instant wakeAt, Instant start, Instant end, boolean holiday) {

    /** True when the occurrence keeps the stack awake at {@code at}, lead time included. */
    boolean covers(Instant at) {
        return !wakeAt.isAfter(at) && at.isBefore(end);
    }

    /** True when {@code at} lies in the window itself, not in its lead time. */
    boolean inWindow(Instant at) {
        return !start.isAfter(at) && at.isBefore(end);
    }
}
