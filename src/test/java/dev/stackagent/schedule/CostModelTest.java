package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Map<String, Integer> PATTERN1 = Map.of("ct6e-standard-4t", 1, "n1-standard-4", 2);

    @Test
    void defaultsMatchThePattern1Deployment() {
        CostEstimate hourly = CostModel.defaults().hourlyCost(PATTERN1);

        assertThat(hourly.dollars()).isCloseTo(5.29 + 0.25, within(1e-9));
        assertThat(hourly.dollars() * 24).isCloseTo(133, within(0.1));
        assertThat(hourly.complete()).isTrue();
    }

    @Test
    void tpuAtZeroLeavesTheDefaultPool() {
        CostEstimate hourly = CostModel.defaults().hourlyCost(Map.of("ct6e-standard-4t", 0, "n1-standard-4", 2));

        assertThat(hourly.dollars() * 24).isCloseTo(6, within(1e-9));
    }

    @Test
    void overridesReplaceAndAddPrices() {
        CostModel model = CostModel.withPrices(Map.of("ct6e-standard-4t", 2.0, "e2-standard-8", 0.3));

        assertThat(model.hourlyPrice("ct6e-standard-4t")).contains(2.0);
        assertThat(model.hourlyPrice("n1-standard-4")).contains(0.125);
        assertThat(model.hourlyCost(Map.of("ct6e-standard-4t", 3, "e2-standard-8", 1)).dollars()).isCloseTo(6.3, within(1e-9));
    }

    @Test
    void unknownMachineTypesAreReportedNotGuessed() {
        CostEstimate hourly = CostModel.defaults().hourlyCost(Map.of("ct5lp-hightpu-4t", 2, "n1-standard-4", 2, "a2-highgpu-1g", 0));

        assertThat(hourly.dollars()).isCloseTo(0.25, within(1e-9));
        assertThat(hourly.unpricedMachineTypes()).containsExactly("ct5lp-hightpu-4t");
        assertThat(hourly.complete()).isFalse();
    }

    @Test
    void savingsOfAWeekdayNight() {
        CostEstimate saved = CostModel.defaults().savings(Map.of("ct6e-standard-4t", 1), Duration.ofHours(11).plusMinutes(40));

        assertThat(saved.dollars()).isCloseTo(5.29 * (11 + 40 / 60.0), within(1e-9));
    }

    @Test
    void savingsOfNothing() {
        assertThat(CostModel.defaults().savings(Map.of("ct6e-standard-4t", 1), Duration.ZERO).dollars()).isZero();
        assertThatThrownBy(() -> CostModel.defaults().savings(Map.of(), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeOrMissingPrices() {
        Map<String, Double> missing = new HashMap<>();
        missing.put("x", null);

        assertThatThrownBy(() -> CostModel.withPrices(Map.of("ct6e-standard-4t", -1.0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CostModel.withPrices(missing)).isInstanceOf(IllegalArgumentException.class);
    }
}
