package dev.stackagent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.ScheduleSpec.Window;

/**
 * The awake windows of a schedule (overrides aside) for a range of local dates: every occurrence,
 * and the awake intervals they make once overlapping or touching ones are merged. Built by walking
 * days, so its cost is days x windows.
 *
 * <p>Local times are resolved with {@link ZonedDateTime#of}: a time in a DST gap moves forward by
 * the length of the gap, a time in an overlap takes the earlier offset.
 */
final class AwakeTimeline {
    private final List<WindowOccurrence> occurrences;
    private final List<Instant[]> merged;

    private AwakeTimeline(List<WindowOccurrence> occurrences, List<Instant[]> merged) {
        this.occurrences = occurrences;
        this.merged = merged;
    }

    /** Occurrences of windows that start on local dates {@code first..last}, both included. */
    static AwakeTimeline between(ScheduleSpec spec, ZoneId zone, LocalDate first, LocalDate last) {
        Set<LocalDate> holidays = new HashSet<>(spec.holidays());
        Duration lead = spec.wakeLeadTime();
        List<WindowOccurrence> all = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (Window w : spec.awake()) {
                if (w.days() == null || !w.days().contains(date.getDayOfWeek()) || w.from() == null || w.to() == null) {
                    continue;
                }
                Instant start = ZonedDateTime.of(date, w.from(), zone).toInstant();
                LocalDate endDate = w.to().isAfter(w.from()) ? date : date.plusDays(1);
                Instant end = ZonedDateTime.of(endDate, w.to(), zone).toInstant();
                all.add(new WindowOccurrence(w, date, start.minus(lead), start, end, holidays.contains(date)));
            }
        }
        all.sort(Comparator.comparing(WindowOccurrence::wakeAt));
        return new AwakeTimeline(all, merge(all));
    }

    private static List<Instant[]> merge(List<WindowOccurrence> sorted) {
        List<Instant[]> out = new ArrayList<>();
        for (WindowOccurrence o : sorted) {
            if (o.holiday() || !o.wakeAt().isBefore(o.end())) {
                continue;
            }
            Instant[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !o.wakeAt().isAfter(last[1])) {
                if (o.end().isAfter(last[1])) {
                    last[1] = o.end();
                }
            } else {
                out.add(new Instant[] {o.wakeAt(), o.end()});
            }
        }
        return out;
    }

    boolean awakeAt(Instant at) {
        for (Instant[] i : merged) {
            if (!i[0].isAfter(at) && at.isBefore(i[1])) {
                return true;
            }
        }
        return false;
    }

    /** Instants at which the merged awake state changes, in order. */
    TreeSet<Instant> boundaries() {
        TreeSet<Instant> out = new TreeSet<>();
        for (Instant[] i : merged) {
            out.add(i[0]);
            out.add(i[1]);
        }
        return out;
    }

    /** Occurrences covering {@code at} (lead time included), holiday ones too, in wake order. */
    List<WindowOccurrence> covering(Instant at) {
        return occurrences.stream().filter(o -> o.covers(at)).toList();
    }
}
