package dev.stackagent.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as users write them in stack.yaml (Kubernetes/Go style and ISO-8601). */
class DurationsTest {

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("20m", Duration.ofMinutes(20)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("1500ms", Duration.ofMillis(1500)),
                Arguments.of("2d", Duration.ofDays(2)),
                Arguments.of("1h0m5s", Duration.ofSeconds(3605)),
                Arguments.of("0s", Duration.ZERO),
                Arguments.of(" 20m ", Duration.ofMinutes(20)),
                Arguments.of("PT20M", Duration.ofMinutes(20)),
                Arguments.of("pt1h", Duration.ofHours(1)),
                Arguments.of("P1D", Duration.ofDays(1)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("good")
    void parsesGoodSpellings(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " ", "20", "20 m", "20 minutes", "m", "1.5h", "-5m", "20M", "1h 30m", "h1", "20m!", "5y",
            "99999999999999999999s"})
    void rejectsBadSpellings(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "bad ISO ''{0}'' is rejected")
    @ValueSource(strings = {"P", "PT", "P20M20"})
    void rejectsBadIsoSpellings(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest(name = "''{0}'' is named in the error")
    @ValueSource(strings = {"20 minutes", "1.5h"})
    void errorNamesTheTextAndShowsExamples(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .hasMessageContaining("'" + text + "' is not a duration")
                .hasMessageContaining("1h30m");
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofSeconds(45), "45s"),
                Arguments.of(Duration.ofMinutes(20), "20m"),
                Arguments.of(Duration.ofMinutes(90), "1h30m"),
                Arguments.of(Duration.ofMillis(1500), "1s500ms"),
                Arguments.of(Duration.ofDays(1), "24h"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("formats")
    void formatsReadablyAndRoundTrips(Duration d, String text) {
        assertThat(Durations.format(d)).isEqualTo(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
