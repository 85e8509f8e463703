package dev.stackagent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text-format scrape read into its families: the declared type and the label names of their samples. */
record Scrape(String text, Map<String, Family> families) {
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? .*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    record Family(String name, String type, Set<String> labels) {
    }

    static Scrape parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        for (String line : text.split("\n")) {
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                current = new Family(t.group(1), t.group(2), new TreeSet<>());
                families.put(current.name(), current);
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (current != null && !line.startsWith("#") && s.matches() && s.group(3) != null) {
                Matcher l = LABEL.matcher(s.group(3));
                while (l.find()) {
                    if (!l.group(1).equals("le") && !l.group(1).equals("quantile")) {
                        current.labels().add(l.group(1));
                    }
                }
            }
        }
        return new Scrape(text, families);
    }
}
