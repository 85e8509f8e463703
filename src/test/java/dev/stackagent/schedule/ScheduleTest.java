package dev.stackagent.schedule;

import static dev.stackagent.schedule.DecisionReason.HOLIDAY;
import static dev.stackagent.schedule.DecisionReason.NO_SCHEDULE;
import static dev.stackagent.schedule.DecisionReason.OUTSIDE_WINDOWS;
import static dev.stackagent.schedule.DecisionReason.OVERRIDE;
import static dev.stackagent.schedule.DecisionReason.WINDOW;
import static dev.stackagent.schedule.ScheduleSpecs.AMS;
import static dev.stackagent.schedule.ScheduleSpecs.asleepUntil;
import static dev.stackagent.schedule.ScheduleSpecs.at;
import static dev.stackagent.schedule.ScheduleSpecs.awakeUntil;
import static dev.stackagent.schedule.ScheduleSpecs.everyDay;
import static dev.stackagent.schedule.ScheduleSpecs.office;
import static dev.stackagent.schedule.ScheduleSpecs.spec;
import static dev.stackagent.schedule.ScheduleSpecs.window;
import static dev.stackagent.schedule.ScheduleSpecs.withHolidays;
import static dev.stackagent.schedule.ScheduleSpecs.withOverrides;
import static dev.stackagent.schedule.ScheduleState.ASLEEP;
import static dev.stackagent.schedule.ScheduleState.AWAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stackagent.desired.ScheduleSpec;

/** The schedule as a table: instant -> state, reason, lead time, next transition. */
class ScheduleTest {

    record Case(String name, ScheduleSpec spec, String at, ScheduleState state, DecisionReason reason,
                String detail, boolean lead, String next) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OFFICE = "window Mon-Fri 07:00-19:00";
    static final ScheduleSpec NIGHT_SHIFT = spec(AMS, null, window("Mon-Thu", "22:00", "06:00"));
    static final ScheduleSpec DAILY_UTC_NO_LEAD = spec("UTC", Duration.ZERO, window("Tue", "09:00", "17:00"));
    static final ScheduleSpec DAILY_NIGHT = spec(AMS, Duration.ZERO, everyDay("22:00", "06:00"));
    static final ScheduleSpec XMAS = withHolidays(office(), "2026-12-25");
    static final ScheduleSpec XMAS_NIGHTS = withHolidays(spec(AMS, null, window("Mon-Fri", "22:00", "06:00")), "2026-12-25");
    static final ScheduleSpec RELEASE_NIGHT = withOverrides(office(), awakeUntil("2026-11-28T02:00+01:00", "release"));
    static final ScheduleSpec MAINTENANCE = withOverrides(office(), asleepUntil("2026-11-25T12:00+01:00", "maintenance"));
    static final ScheduleSpec EARLY_START = withOverrides(office(), awakeUntil("2026-11-25T09:00+01:00", "early start"));
    static final ScheduleSpec TWO_OVERRIDES = withOverrides(office(),
            asleepUntil("2026-11-25T12:00+01:00", "first"), awakeUntil("2026-11-25T23:00+01:00", "second"));
    static final ScheduleSpec OVERLAPPING = spec(AMS, null, window("Mon-Fri", "07:00", "12:00"), window("Mon-Fri", "11:00", "19:00"));
    static final ScheduleSpec TOUCHING = spec(AMS, null, window("Mon-Fri", "07:00", "12:00"), window("Mon-Fri", "12:00", "19:00"));

    static Stream<Case> cases() {
        return Stream.of(
                // weekdays, 2026-11-23 is a Monday
                new Case("weekday inside window", office(), "2026-11-25T10:00+01:00", AWAKE, WINDOW, OFFICE, false, "2026-11-25T19:00+01:00"),
                new Case("weekday before lead time", office(), "2026-11-25T06:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-25T06:40+01:00"),
                new Case("lead time starts, inclusive", office(), "2026-11-25T06:40+01:00", AWAKE, WINDOW, OFFICE, true, "2026-11-25T19:00+01:00"),
                new Case("in lead time", office(), "2026-11-25T06:59:59+01:00", AWAKE, WINDOW, OFFICE, true, "2026-11-25T19:00+01:00"),
                new Case("window start leaves lead time", office(), "2026-11-25T07:00+01:00", AWAKE, WINDOW, OFFICE, false, "2026-11-25T19:00+01:00"),
                new Case("window end is exclusive", office(), "2026-11-25T19:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-26T06:40+01:00"),
                new Case("friday evening sleeps to monday", office(), "2026-11-27T19:30+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-30T06:40+01:00"),
                new Case("weekend", office(), "2026-11-28T12:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-30T06:40+01:00"),
                new Case("custom lead time", spec(AMS, Duration.ofHours(1), window("Mon-Fri", "07:00", "19:00")), "2026-11-25T06:10+01:00", AWAKE, WINDOW, OFFICE, true, "2026-11-25T19:00+01:00"),
                // windows crossing midnight belong to the day they start on
                new Case("night shift before midnight", NIGHT_SHIFT, "2026-11-24T23:00+01:00", AWAKE, WINDOW, "window Mon-Thu 22:00-06:00", false, "2026-11-25T06:00+01:00"),
                new Case("night shift after midnight on friday", NIGHT_SHIFT, "2026-11-27T02:00+01:00", AWAKE, WINDOW, "window Mon-Thu 22:00-06:00", false, "2026-11-27T06:00+01:00"),
                new Case("no friday night shift", NIGHT_SHIFT, "2026-11-28T02:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-30T21:40+01:00"),
                new Case("no sunday night shift", NIGHT_SHIFT, "2026-11-30T03:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-30T21:40+01:00"),
                new Case("night shift lead time", NIGHT_SHIFT, "2026-11-30T21:50+01:00", AWAKE, WINDOW, "window Mon-Thu 22:00-06:00", true, "2026-12-01T06:00+01:00"),
                // Europe/Amsterdam DST: spring forward 2026-03-29 02:00 -> 03:00, fall back 2026-10-25 03:00 -> 02:00
                new Case("spring: evening before, next wake is CEST", spec(AMS, null, everyDay("07:00", "19:00")), "2026-03-28T19:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-03-29T04:40Z"),
                new Case("spring: window on DST day ends 19:00 CEST", spec(AMS, null, everyDay("07:00", "19:00")), "2026-03-29T10:00+02:00", AWAKE, WINDOW, "window daily 07:00-19:00", false, "2026-03-29T17:00Z"),
                new Case("spring: night window is 7h of UTC", DAILY_NIGHT, "2026-03-28T22:00+01:00", AWAKE, WINDOW, "window daily 22:00-06:00", false, "2026-03-29T04:00Z"),
                new Case("spring: start in gap moves forward", spec(AMS, Duration.ZERO, everyDay("02:30", "05:00")), "2026-03-29T01:00Z", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-03-29T01:30Z"),
                new Case("autumn: night window is 9h of UTC", DAILY_NIGHT, "2026-10-24T22:00+02:00", AWAKE, WINDOW, "window daily 22:00-06:00", false, "2026-10-25T05:00Z"),
                new Case("autumn: start in overlap takes earlier offset", spec(AMS, Duration.ZERO, everyDay("02:30", "04:00")), "2026-10-25T00:00Z", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-10-25T00:30Z"),
                new Case("autumn: end after overlap is CET", spec(AMS, Duration.ZERO, everyDay("02:30", "04:00")), "2026-10-25T01:30Z", AWAKE, WINDOW, "window daily 02:30-04:00", false, "2026-10-25T03:00Z"),
                new Case("autumn: evening before, next wake is CET", spec(AMS, null, everyDay("07:00", "19:00")), "2026-10-24T19:30+02:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-10-25T05:40Z"),
                // 29 February 2028 is a Tuesday
                new Case("leap day window", DAILY_UTC_NO_LEAD, "2028-02-28T20:00Z", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2028-02-29T09:00Z"),
                new Case("in leap day window", DAILY_UTC_NO_LEAD, "2028-02-29T12:00Z", AWAKE, WINDOW, "window Tue 09:00-17:00", false, "2028-02-29T17:00Z"),
                new Case("leap day holiday", withHolidays(DAILY_UTC_NO_LEAD, "2028-02-29"), "2028-02-29T12:00Z", ASLEEP, HOLIDAY, "holiday 2028-02-29", false, "2028-03-07T09:00Z"),
                new Case("leap day night window ends 1 March", spec("UTC", Duration.ZERO, everyDay("22:00", "02:00")), "2028-02-29T23:00Z", AWAKE, WINDOW, "window daily 22:00-02:00", false, "2028-03-01T02:00Z"),
                // holidays: 2026-12-25 is a Friday
                new Case("holiday", XMAS, "2026-12-25T10:00+01:00", ASLEEP, HOLIDAY, "holiday 2026-12-25", false, "2026-12-28T06:40+01:00"),
                new Case("holiday lead time is off too", XMAS, "2026-12-25T06:50+01:00", ASLEEP, HOLIDAY, "holiday 2026-12-25", false, "2026-12-28T06:40+01:00"),
                new Case("evening before holiday skips it", XMAS, "2026-12-24T20:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-12-28T06:40+01:00"),
                new Case("night crossing into holiday runs to its end", XMAS_NIGHTS, "2026-12-25T03:00+01:00", AWAKE, WINDOW, "window Mon-Fri 22:00-06:00", false, "2026-12-25T06:00+01:00"),
                new Case("lead time starting on a holiday still wakes", withHolidays(spec(AMS, null, window("Sat", "00:10", "08:00")), "2026-12-25"), "2026-12-25T23:55+01:00", AWAKE, WINDOW, "window Sat 00:10-08:00", true, "2026-12-26T08:00+01:00"),
                new Case("night starting on holiday is off", XMAS_NIGHTS, "2026-12-25T23:00+01:00", ASLEEP, HOLIDAY, "holiday 2026-12-25", false, "2026-12-28T21:40+01:00"),
                // overrides
                new Case("awake override", RELEASE_NIGHT, "2026-11-27T20:00+01:00", AWAKE, OVERRIDE, "override until 2026-11-28T02:00+01:00: release", false, "2026-11-28T02:00+01:00"),
                new Case("override expires at until", RELEASE_NIGHT, "2026-11-28T02:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-30T06:40+01:00"),
                new Case("expired override ignored", RELEASE_NIGHT, "2026-12-02T20:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-12-03T06:40+01:00"),
                new Case("asleep override in window", MAINTENANCE, "2026-11-25T10:00+01:00", ASLEEP, OVERRIDE, "override until 2026-11-25T12:00+01:00: maintenance", false, "2026-11-25T12:00+01:00"),
                new Case("awake override flowing into window", EARLY_START, "2026-11-25T05:00+01:00", AWAKE, OVERRIDE, "override until 2026-11-25T09:00+01:00: early start", false, "2026-11-25T19:00+01:00"),
                new Case("first unexpired override wins", TWO_OVERRIDES, "2026-11-25T10:00+01:00", ASLEEP, OVERRIDE, "override until 2026-11-25T12:00+01:00: first", false, "2026-11-25T12:00+01:00"),
                new Case("second override after first expires", TWO_OVERRIDES, "2026-11-25T20:00+01:00", AWAKE, OVERRIDE, "override until 2026-11-25T23:00+01:00: second", false, "2026-11-25T23:00+01:00"),
                new Case("override without reason", withOverrides(office(), asleepUntil("2026-11-25T12:00+01:00", null)), "2026-11-25T10:00+01:00", ASLEEP, OVERRIDE, "override until 2026-11-25T12:00+01:00", false, "2026-11-25T12:00+01:00"),
                // overlapping and touching windows merge into one awake period
                new Case("overlapping windows merge", OVERLAPPING, "2026-11-25T11:30+01:00", AWAKE, WINDOW, "window Mon-Fri 07:00-12:00", false, "2026-11-25T19:00+01:00"),
                new Case("touching windows merge", TOUCHING, "2026-11-25T10:00+01:00", AWAKE, WINDOW, "window Mon-Fri 07:00-12:00", false, "2026-11-25T19:00+01:00"),
                new Case("lead of next window inside previous is not lead time", TOUCHING, "2026-11-25T11:50+01:00", AWAKE, WINDOW, "window Mon-Fri 07:00-12:00", false, "2026-11-25T19:00+01:00"),
                // always awake, never awake
                new Case("no schedule", null, "2026-11-28T03:00+01:00", AWAKE, NO_SCHEDULE, "no schedule", false, null),
                new Case("round-the-clock window", spec(AMS, null, everyDay("00:00", "00:00")), "2026-11-28T03:00+01:00", AWAKE, WINDOW, "window daily 00:00-00:00", false, null),
                new Case("no windows", spec(AMS, null), "2026-11-28T03:00+01:00", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, null),
                new Case("no time zone is UTC", spec(null, Duration.ZERO, everyDay("07:00", "19:00")), "2026-11-25T06:30Z", ASLEEP, OUTSIDE_WINDOWS, "outside awake windows", false, "2026-11-25T07:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        ScheduleDecision d = Schedule.decide(c.spec(), at(c.at()));

        assertThat(d.state()).as("state").isEqualTo(c.state());
        assertThat(d.reason()).as("reason").isEqualTo(c.reason());
        assertThat(d.detail()).as("detail").isEqualTo(c.detail());
        assertThat(d.inLeadTime()).as("lead time").isEqualTo(c.lead());
        assertThat(d.nextTransition()).as("next transition").isEqualTo(c.next() == null ? null : at(c.next()));
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schedule.decide(spec("Europe/Atlantis", null), at("2026-11-25T10:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Europe/Atlantis");
    }
}
