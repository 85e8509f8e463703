package dev.stackagent.schedule;

import static dev.stackagent.schedule.ScheduleSpecs.AMS;
import static dev.stackagent.schedule.ScheduleSpecs.at;
import static dev.stackagent.schedule.ScheduleSpecs.everyDay;
import static dev.stackagent.schedule.ScheduleSpecs.spec;
import static dev.stackagent.schedule.ScheduleSpecs.window;
import static dev.stackagent.schedule.ScheduleSpecs.withHolidays;
import static dev.stackagent.schedule.ScheduleSpecs.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.ScheduleSpec;

/** Lengths of awake and asleep periods in UTC around DST changes, and the look-ahead bounds. */
class ScheduleDurationsTest {

    private static final ScheduleSpec DAY_NO_LEAD = spec(AMS, Duration.ZERO, everyDay("07:00", "19:00"));

    @Test
    void windowOnSpringForwardDayIsTwelveHoursAndTheNightBeforeEleven() {
        Duration night = periodStartingAt(DAY_NO_LEAD, at("2026-03-28T19:00+01:00"));
        Duration day = periodStartingAt(DAY_NO_LEAD, at("2026-03-29T07:00+02:00"));

        assertThat(night).isEqualTo(Duration.ofHours(11));
        assertThat(day).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void nightOfFallBackIsThirteenHours() {
        assertThat(periodStartingAt(DAY_NO_LEAD, at("2026-10-24T19:00+02:00"))).isEqualTo(Duration.ofHours(13));
        assertThat(periodStartingAt(DAY_NO_LEAD, at("2026-10-25T07:00+01:00"))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void nextTransitionBeyondTheFirstWeekIsFound() {
        ScheduleSpec tuesdays = withHolidays(spec("UTC", Duration.ZERO, window("Tue", "09:00", "17:00")),
                "2026-12-01", "2026-12-08", "2026-12-15");

        ScheduleDecision d = Schedule.decide(tuesdays, at("2026-11-25T12:00Z"));

        assertThat(d.nextTransition()).isEqualTo(at("2026-12-22T09:00Z"));
    }

    @Test
    void lookAheadIsBoundedToAYearPastTheLastOverride() {
        ScheduleSpec onlyLeapDays = spec("UTC", Duration.ZERO, window("Tue", "09:00", "17:00"));
        ScheduleSpec allHolidays = withHolidays(onlyLeapDays, tuesdaysOf2027());

        assertThat(Schedule.decide(allHolidays, at("2026-12-29T18:00Z")).nextTransition()).isNull();
        assertThat(Schedule.decide(allHolidays, at("2026-12-01T18:00Z")).nextTransition()).isEqualTo(at("2026-12-08T09:00Z"));
    }

    @Test
    void longOverrideStillFindsTheTransitionAfterIt() {
        ScheduleSpec sabbatical = withOverrides(spec("UTC", Duration.ZERO, window("Mon-Fri", "09:00", "17:00")),
                ScheduleSpecs.asleepUntil("2028-01-03T12:00Z", "sabbatical"));

        ScheduleDecision d = Schedule.decide(sabbatical, at("2026-11-25T12:00Z"));

        assertThat(d.state()).isEqualTo(ScheduleState.ASLEEP);
        assertThat(d.nextTransition()).isEqualTo(at("2028-01-03T12:00Z"));
    }

    private static String[] tuesdaysOf2027() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (java.time.LocalDate d = java.time.LocalDate.parse("2027-01-05"); d.getYear() == 2027; d = d.plusWeeks(1)) {
            out.add(d.toString());
        }
        out.add("2028-01-04");
        return out.toArray(String[]::new);
    }

    private static Duration periodStartingAt(ScheduleSpec spec, Instant start) {
        Instant next = Schedule.decide(spec, start).nextTransition();
        return Duration.between(start, next);
    }
}
