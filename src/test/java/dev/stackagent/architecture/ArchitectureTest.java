package dev.stackagent.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout is the flow, and stays readable: the import graph of {@code src/main/java} has
 * no cycle, no file is longer than 400 lines, the pure steps import no client, and the sync takes
 * no Kubernetes client (it reads through the snapshot and writes through its parts).
 */
class ArchitectureTest {
    static final Path ROOT = Path.of("src/main/java");
    static final String BASE = "dev.stackagent";
    static final int MAX_LINES = 400;
    static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    static Map<Path, String> sources = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(p, Files.readString(p));
            }
        }
    }

    static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    /** Package to the project packages it imports (an import's package: the longest project package it starts with). */
    static Map<String, Set<String>> graph() {
        Set<String> packages = new TreeSet<>();
        sources.values().forEach(s -> packages.add(packageOf(s)));
        Map<String, Set<String>> edges = new TreeMap<>();
        sources.values().forEach(s -> {
            String from = packageOf(s);
            Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = IMPORT.matcher(s);
            while (m.find()) {
                String imported = m.group(1);
                packages.stream().filter(p -> imported.startsWith(p + ".") && Character.isUpperCase(imported.charAt(p.length() + 1)))
                        .max((a, b) -> Integer.compare(a.length(), b.length()))
                        .filter(p -> !p.equals(from)).ifPresent(to::add);
            }
        });
        return edges;
    }

    @Test
    void thePackageGraphHasNoCycle() {
        Map<String, Set<String>> g = graph();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : g.keySet()) {
            // a path back to start through the graph is a cycle
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : g.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        List<String> cycle = new ArrayList<>(path);
                        cycle.add(start);
                        cycles.add(cycle);
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("package cycles (each as a path back to its start)").isEmpty();
    }

    @Test
    void noSourceFileIsLongerThan400Lines() {
        Map<Path, Long> tooLong = new HashMap<>();
        sources.forEach((p, s) -> {
            long lines = s.chars().filter(c -> c == '\n').count();
            if (lines > MAX_LINES) tooLong.put(p, lines);
        });
        assertThat(tooLong).as("files over " + MAX_LINES + " lines").isEmpty();
    }

    @Test
    void thePureStepsImportNoClient() {
        for (String pure : List.of("diff", "plan", "schedule", "policy", "desired", "report")) {
            sources.forEach((p, s) -> {
                if (packageOf(s).equals(BASE + "." + pure)) {
                    assertThat(s).as(p + " is pure").doesNotContain("import io.fabric8.kubernetes.client.")
                            .doesNotContain("import com.google.cloud.container.v1.ClusterManagerClient");
                }
            });
        }
    }

    @Test
    void theSyncTakesNoKubernetesClient() {
        for (String file : List.of("StackSync.java", "StackPreviewer.java", "SleepObserver.java", "ScheduleStep.java", "StackAssessor.java")) {
            String s = sources.get(ROOT.resolve("dev/stackagent/sync/" + file));
            assertThat(s).as(file).isNotNull().doesNotContain("KubernetesClient;");
        }
    }

    @Test
    void theGraphIsReadFromTheSourcesNotEmpty() {
        assertThat(graph()).containsKeys(BASE + ".sync", BASE + ".app", BASE + ".live", BASE + ".diff");
        assertThat(graph().get(BASE + ".app")).contains(BASE + ".sync");
        if (!Files.isDirectory(ROOT)) throw new UncheckedIOException(new IOException("no " + ROOT));
    }
}
