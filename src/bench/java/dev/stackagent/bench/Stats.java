package dev.stackagent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency samples in milliseconds; percentiles by nearest rank. */
final class Stats {
    private final List<Double> samples = new ArrayList<>();

    void add(double ms) {
        samples.add(ms);
    }

    int count() {
        return samples.size();
    }

    double percentile(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50Ms", round(percentile(50)));
        m.put("p95Ms", round(percentile(95)));
        m.put("maxMs", round(max()));
        m.put("samplesMs", samples.stream().map(Stats::round).toList());
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
