package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransitionProgressTest {
    private static final Instant A = Instant.parse("2026-11-25T18:00:00Z");
    private static final Instant B = Instant.parse("2026-11-25T18:07:30Z");

    @Test
    void roundTripsThroughJson() {
        TransitionProgress p = new TransitionProgress(SleepPhase.FallingAsleep, TransitionStep.WaitForDrain, A, B);

        assertThat(p.toJson()).isEqualTo("{\"phase\":\"FallingAsleep\",\"step\":\"WaitForDrain\","
                + "\"phaseStartedAt\":\"2026-11-25T18:00:00Z\",\"stepStartedAt\":\"2026-11-25T18:07:30Z\"}");
        assertThat(TransitionProgress.fromJson(p.toJson())).isEqualTo(p);
    }

    @Test
    void nothingPersistedIsNull() {
        assertThat(TransitionProgress.fromJson(null)).isNull();
        assertThat(TransitionProgress.fromJson("  ")).isNull();
    }

    @Test
    void rejectsWhatCannotBeResumed() {
        assertThatThrownBy(() -> TransitionProgress.fromJson("{\"phase\":\"Asleep\",\"step\":\"RestorePools\",\"phaseStartedAt\":\"2026-11-25T18:00:00Z\",\"stepStartedAt\":\"2026-11-25T18:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a step of phase Asleep");
        assertThatThrownBy(() -> TransitionProgress.fromJson("{\"phase\":\"Asleep\",\"step\":\"Settled\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phaseStartedAt");
        assertThatThrownBy(() -> TransitionProgress.fromJson("{\"phase\":\"Dozing\",\"step\":\"Settled\",\"phaseStartedAt\":\"2026-11-25T18:00:00Z\",\"stepStartedAt\":\"2026-11-25T18:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransitionProgress.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of(SleepPhase.Awake, TransitionStep.Settled, OverlayScope.NONE),
                Arguments.of(SleepPhase.FallingAsleep, TransitionStep.ScaleWorkloadsToZero, OverlayScope.WORKLOADS),
                Arguments.of(SleepPhase.FallingAsleep, TransitionStep.WaitForDrain, OverlayScope.WORKLOADS),
                Arguments.of(SleepPhase.FallingAsleep, TransitionStep.ScalePoolsToZero, OverlayScope.ALL),
                Arguments.of(SleepPhase.Asleep, TransitionStep.Settled, OverlayScope.ALL),
                Arguments.of(SleepPhase.Waking, TransitionStep.RestorePools, OverlayScope.WORKLOADS),
                Arguments.of(SleepPhase.Waking, TransitionStep.RestoreWorkloads, OverlayScope.NONE),
                Arguments.of(SleepPhase.Waking, TransitionStep.WaitForReady, OverlayScope.NONE));
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @MethodSource("scopes")
    void overlayScopeFollowsTheStep(SleepPhase phase, TransitionStep step, OverlayScope expected) {
        assertThat(new TransitionProgress(phase, step, A, A).overlayScope()).isEqualTo(expected);
    }
}
