package dev.stackagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The figures of one run: a table for people, a JSON document for comparing runs. */
final class Report {
    record Row(String phase, String figure, String value, String goal, String met) {
    }

    final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    void row(String phase, String figure, String value) {
        rows.add(new Row(phase, figure, value, "", ""));
    }

    void goal(String phase, String figure, String value, String goal, boolean met) {
        rows.add(new Row(phase, figure, value, goal, met ? "yes" : "NO"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) json.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    String table() {
        int[] w = { 5, 6, 5, 4, 3 };
        for (Row r : rows) {
            w[0] = Math.max(w[0], r.phase.length());
            w[1] = Math.max(w[1], r.figure.length());
            w[2] = Math.max(w[2], r.value.length());
            w[3] = Math.max(w[3], r.goal.length());
        }
        String fmt = "| %-" + w[0] + "s | %-" + w[1] + "s | %" + w[2] + "s | %-" + w[3] + "s | %-" + w[4] + "s |%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(fmt, "phase", "figure", "value", "goal", "met"));
        sb.append(String.format("|%s|%s|%s|%s|%s|%n", "-".repeat(w[0] + 2), "-".repeat(w[1] + 2), "-".repeat(w[2] + 1) + ":",
                "-".repeat(w[3] + 2), "-".repeat(w[4] + 2)));
        for (Row r : rows) {
            sb.append(String.format(fmt, r.phase, r.figure, r.value, r.goal, r.met));
        }
        return sb.toString();
    }

    void write(Path file) throws IOException {
        json.put("table", rows.stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("phase", r.phase);
            m.put("figure", r.figure);
            m.put("value", r.value);
            m.put("goal", r.goal);
            m.put("met", r.met);
            return m;
        }).toList());
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
