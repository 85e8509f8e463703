package dev.stackagent.schedule;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hourly node prices per GKE machine type, and what nodes cost or save. Defaults come from the
 * Pattern 1 deployment (FACTS.md): {@code ct6e-standard-4t} $5.29/h (~$127/day),
 * {@code n1-standard-4} $0.125/h (2 nodes ~$6/day). Users override or add prices; list prices
 * differ per region, commitment and spot, so these are estimates.
 */
public final class CostModel {
    /** The default prices in US dollars per node-hour. */
    public static final Map<String, Double> DEFAULT_PRICES = Map.of(
            "ct6e-standard-4t", 5.29,
            "n1-standard-4", 0.125);

    private final Map<String, Double> pricePerHour;

    private CostModel(Map<String, Double> pricePerHour) {
        this.pricePerHour = Map.copyOf(pricePerHour);
    }

    /** The default prices. */
    public static CostModel defaults() {
        return withPrices(Map.of());
    }

    /** The default prices with {@code overrides} on top (a machine type in both takes the override). */
    public static CostModel withPrices(Map<String, Double> overrides) {
        Map<String, Double> prices = new HashMap<>(DEFAULT_PRICES);
        overrides.forEach((type, price) -> {
            if (price == null || price < 0 || price.isNaN() || price.isInfinite()) {
                throw new IllegalArgumentException("price of " + type + " must be a non-negative number of dollars per hour, was " + price);
            }
            prices.put(type, price);
        });
        return new CostModel(prices);
    }

    /** Dollars per node-hour of a machine type, if known. */
    public Optional<Double> hourlyPrice(String machineType) {
        return Optional.ofNullable(pricePerHour.get(machineType));
    }

    /** Estimated dollars per hour of the given nodes ({@code machine type -> node count}). */
    public CostEstimate hourlyCost(Map<String, Integer> nodesByMachineType) {
        double total = 0;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Map.Entry<String, Integer> e : nodesByMachineType.entrySet()) {
            int nodes = e.getValue() == null ? 0 : e.getValue();
            if (nodes <= 0) {
                continue;
            }
            Double price = pricePerHour.get(e.getKey());
            if (price == null) {
                unpriced.add(e.getKey());
            } else {
                total += price * nodes;
            }
        }
        return new CostEstimate(total, unpriced);
    }

    /**
     * Dollars saved by keeping the given nodes asleep for {@code asleep}: the nodes that would have
     * run when awake ({@code machine type -> node count}) times their price times the hours.
     */
    public CostEstimate savings(Map<String, Integer> nodesWhenAwake, Duration asleep) {
        if (asleep.isNegative()) {
            throw new IllegalArgumentException("asleep interval must not be negative: " + asleep);
        }
        CostEstimate hourly = hourlyCost(nodesWhenAwake);
        double hours = asleep.toMillis() / 3_600_000.0;
        return new CostEstimate(hourly.dollars() * hours, hourly.unpricedMachineTypes());
    }
}
