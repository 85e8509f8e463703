package dev.stackagent.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import dev.stackagent.desired.Days;
import dev.stackagent.desired.ScheduleSpec;
import dev.stackagent.desired.ScheduleSpec.Override;
import dev.stackagent.desired.ScheduleSpec.Window;

/** Small builders for schedules in tests. */
final class ScheduleSpecs {
    static final String AMS = "Europe/Amsterdam";

    private ScheduleSpecs() {
    }

    static Window window(String days, String from, String to) {
        return new Window(Days.parse(days), LocalTime.parse(from), LocalTime.parse(to));
    }

    static ScheduleSpec spec(String zone, Duration lead, Window... windows) {
        return new ScheduleSpec(zone, Arrays.asList(windows), null, null, lead, null, null, null);
    }

    static ScheduleSpec withHolidays(ScheduleSpec s, String... dates) {
        return new ScheduleSpec(s.timeZone(), s.awake(), Arrays.stream(dates).map(LocalDate::parse).toList(),
                s.overrides(), s.wakeLeadTime(), s.drainTimeout(), s.workloads(), s.nodePools());
    }

    static ScheduleSpec withOverrides(ScheduleSpec s, Override... overrides) {
        return new ScheduleSpec(s.timeZone(), s.awake(), s.holidays(), List.of(overrides),
                s.wakeLeadTime(), s.drainTimeout(), s.workloads(), s.nodePools());
    }

    static Override awakeUntil(String until, String reason) {
        return new Override(Override.State.Awake, OffsetDateTime.parse(until), reason);
    }

    static Override asleepUntil(String until, String reason) {
        return new Override(Override.State.Asleep, OffsetDateTime.parse(until), reason);
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    /** Mon-Fri 07:00-19:00 Europe/Amsterdam, default lead time (20m). */
    static ScheduleSpec office() {
        return spec(AMS, null, window("Mon-Fri", "07:00", "19:00"));
    }

    static Window everyDay(String from, String to) {
        return new Window(EnumSet.allOf(DayOfWeek.class), LocalTime.parse(from), LocalTime.parse(to));
    }
}
