package dev.stackagent.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The catalog table of {@code docs/metrics.md}: name, type, labels and emitting class of every metric. */
record MetricsCatalog(Map<String, Entry> entries) {
    static final Path DOC = Path.of("docs/metrics.md");

    record Entry(String name, String type, Set<String> labels, String emitter) {
        /** True when the emitting class is on the classpath: the metric must then be in a scrape. */
        boolean emitterExists() {
            try {
                Class.forName(emitter, false, MetricsCatalog.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    static MetricsCatalog read() throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `stack_agent_")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
            // cells: "", name, type, labels, meaning, emitter
            Set<String> labels = Arrays.stream(cells.get(3).split(",")).map(s -> s.replace("`", "").strip())
                    .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
            String name = unquote(cells.get(1));
            entries.put(name, new Entry(name, cells.get(2), labels, unquote(cells.get(cells.size() - 1))));
        }
        return new MetricsCatalog(entries);
    }

    /**
     * The catalog entry a scraped family or a series name in PromQL belongs to: itself, its counter
     * name with {@code _total}, or the histogram whose {@code _bucket}, {@code _count}, {@code _sum}
     * series or Micrometer {@code _max} gauge it is.
     */
    Entry entryFor(String family) {
        if (entries.containsKey(family)) {
            return entries.get(family);
        }
        if (entries.containsKey(family + "_total")) {
            return entries.get(family + "_total");
        }
        for (String suffix : List.of("_max", "_bucket", "_count", "_sum")) {
            if (family.endsWith(suffix)) {
                Entry histogram = entries.get(family.substring(0, family.length() - suffix.length()));
                if (histogram != null && histogram.type().equals("histogram")) {
                    return histogram;
                }
            }
        }
        return null;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").strip();
    }
}
