package dev.stackagent.desired;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Days of the week as written in a schedule window, and how a bad spelling reaches the user. */
class DaysTest {

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("Mon", EnumSet.of(MONDAY)),
                Arguments.of("monday", EnumSet.of(MONDAY)),
                Arguments.of("SUNDAY", EnumSet.of(SUNDAY)),
                Arguments.of("Mon-Fri", EnumSet.range(MONDAY, FRIDAY)),
                Arguments.of("Mon - Wed", EnumSet.range(MONDAY, WEDNESDAY)),
                Arguments.of("tuesday-thursday", EnumSet.range(TUESDAY, THURSDAY)),
                Arguments.of("Fri-Mon", EnumSet.of(FRIDAY, SATURDAY, SUNDAY, MONDAY)),
                Arguments.of("Sat-Sat", EnumSet.of(SATURDAY)),
                Arguments.of("weekdays", EnumSet.range(MONDAY, FRIDAY)),
                Arguments.of("Weekend", EnumSet.of(SATURDAY, SUNDAY)),
                Arguments.of("daily", EnumSet.allOf(DayOfWeek.class)),
                Arguments.of("everyday", EnumSet.allOf(DayOfWeek.class)),
                Arguments.of(" thu ", EnumSet.of(THURSDAY)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("good")
    void parsesGoodSpellings(String text, Set<DayOfWeek> expected) {
        assertThat(Days.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", "Mo", "Tues", "Mon-", "-Fri", "Mon-Fry", "Mon,Tue", "Mon-Wed-Fri", "weekday", "1", "Montag"})
    void rejectsBadSpellings(String text) {
        assertThatThrownBy(() -> Days.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a day");
    }

    static Stream<Arguments> inStackYaml() {
        return Stream.of(
                Arguments.of("[Mon, Wed, Fri]", null, EnumSet.of(MONDAY, WEDNESDAY, FRIDAY)),
                Arguments.of("[Mon-Wed, Sat]", null, EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, SATURDAY)),
                Arguments.of("weekdays", null, EnumSet.range(MONDAY, FRIDAY)),
                Arguments.of("[Mon, Fry]", "'Fry' is not a day", null),
                Arguments.of("{monday: true}", "expected days (Mon-Fri, weekdays, or a list of them)", null),
                Arguments.of("[[Mon]]", "expected days (Mon-Fri, weekdays, or a list of them)", null));
    }

    @ParameterizedTest(name = "days: {0}")
    @MethodSource("inStackYaml")
    void daysInStackYaml(String days, String error, Set<DayOfWeek> expected) {
        String yaml = Repo.replace(StackLoaderTest.BASE_STACK, "days: Mon-Fri", "days: " + days);
        DesiredState state = StackLoaderTest.repo(java.util.Map.of(StackLoaderTest.STACK_YAML, yaml)).load();

        if (error == null) {
            assertThat(state.errors()).isEmpty();
            Stack stack = state.stacks().stream().filter(s -> s.name().equals("broken")).findFirst().orElseThrow();
            assertThat(stack.config().schedule().awake().get(0).days()).isEqualTo(expected);
        } else {
            assertThat(state.rejected().get("broken")).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("schedule.awake[0].days");
                assertThat(e.message()).contains(error);
                assertThat(e.line()).isEqualTo(Repo.lineOf(yaml, "days:"));
            });
        }
    }
}
