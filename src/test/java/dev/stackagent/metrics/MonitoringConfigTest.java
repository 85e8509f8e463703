package dev.stackagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code deploy/monitoring}: the Grafana dashboard and the PrometheusRule parse, query only metrics
 * of {@code docs/metrics.md}, and pass promtool (rule syntax, the alerts' unit tests, and the
 * dashboard's queries checked as recording rules).
 */
class MonitoringConfigTest {
    static final Path DIR = Path.of("deploy/monitoring");
    static final Pattern METRIC = Pattern.compile("stack_agent_[a-z_]+");
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    static MetricsCatalog catalog;
    static JsonNode dashboard;
    static JsonNode rule;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws IOException {
        catalog = MetricsCatalog.read();
        dashboard = JSON.readTree(DIR.resolve("stack-agent-dashboard.json").toFile());
        rule = YAML.readTree(DIR.resolve("stack-agent-rules.yaml").toFile());
    }

    @Test
    void dashboardHasThePanelsOnCallNeeds() {
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(p -> titles.add(p.get("title").asText()));
        assertThat(titles).contains("Sync status per stack", "Drifted objects", "Estimated cost per hour", "Savings in the selected range",
                "Time to wake (p50, p95 over 7 days)", "Verification latency p95 by check", "Verification results", "Schedule state");
        dashboard.get("panels").forEach(p -> {
            if (!p.get("type").asText().equals("row")) {
                assertThat(p.get("targets")).as(p.get("title").asText()).isNotEmpty();
            }
        });
        assertThat(dashboard.get("uid").asText()).isEqualTo("stack-agent");
    }

    @Test
    void everyQueryNamesOnlyDocumentedMetrics() {
        Map<String, String> queries = new LinkedHashMap<>(dashboardQueries());
        alerts().forEach((name, r) -> queries.put("alert " + name, r.get("expr").asText()));
        Set<String> undocumented = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        queries.forEach((where, expr) -> {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group());
                if (catalog.entryFor(m.group()) == null) {
                    undocumented.add(m.group() + " in " + where);
                }
            }
        });
        assertThat(undocumented).isEmpty();
        assertThat(used).as("queries were found").hasSizeGreaterThan(10);
    }

    @Test
    void ruleHasTheAlertsOfTheIssue() {
        assertThat(rule.get("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(alerts().keySet()).containsExactlyInAnyOrder("StackOutOfSync", "StackSyncsFailing", "TpuPoolAwakeWhileAsleep",
                "StackWakeTooSlow", "ModelVerificationFailing", "GitUnreachable");
        assertThat(alerts().get("StackOutOfSync").get("for").asText()).isEqualTo("15m");
        assertThat(alerts().get("TpuPoolAwakeWhileAsleep").get("for").asText()).isEqualTo("20m");
        assertThat(alerts().get("StackWakeTooSlow").get("for").asText()).isEqualTo("30m");
    }

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        Path rules = tmp.resolve("rules.yaml");
        YAML.writeValue(rules.toFile(), rule.get("spec"));
        Promtool.Run check = Promtool.run("", "check", "rules", rules.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();

        ObjectNode tests = (ObjectNode) YAML.readTree(DIR.resolve("stack-agent-rules.test.yaml").toFile());
        tests.putArray("rule_files").add(rules.toString());
        Path testFile = tmp.resolve("rules.test.yaml");
        YAML.writeValue(testFile.toFile(), tests);
        Promtool.Run unit = Promtool.run("", "test", "rules", testFile.toString());
        assertThat(unit.exitCode()).as(unit.output()).isZero();
    }

    @Test
    void dashboardQueriesParseAsPromql() throws Exception {
        ObjectNode file = YAML.createObjectNode();
        var rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        int i = 0;
        for (var q : dashboardQueries().entrySet()) {
            if (q.getKey().startsWith("variable ")) {
                continue; // Grafana's label_values(), not PromQL
            }
            String expr = q.getValue();
            String concrete = expr.replace("$__rate_interval", "5m").replace("$__range", "1d").replace("$stack", ".*");
            rules.addObject().put("record", "dashboard:query_" + i++).put("expr", concrete);
        }
        Path path = tmp.resolve("dashboard-queries.yaml");
        YAML.writeValue(path.toFile(), file);
        Promtool.Run check = Promtool.run("", "check", "rules", path.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void kustomizationShipsTheDashboardToTheGrafanaSidecarAndTheRule() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        k.get("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).contains("stack-agent-rules.yaml");
        resources.forEach(r -> assertThat(DIR.resolve(r)).exists());
        JsonNode generator = k.get("configMapGenerator").get(0);
        assertThat(generator.get("files").get(0).asText()).isEqualTo("stack-agent-dashboard.json");
        assertThat(generator.at("/options/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(generator.at("/options/disableNameSuffixHash").asBoolean()).isTrue();
    }

    /** "panel title #n" to PromQL, plus the template variable's query. */
    static Map<String, String> dashboardQueries() {
        Map<String, String> out = new LinkedHashMap<>();
        dashboard.get("panels").forEach(p -> {
            int n = 0;
            for (JsonNode t : p.path("targets")) {
                out.put(p.get("title").asText() + " #" + n++, t.get("expr").asText());
            }
        });
        dashboard.at("/templating/list").forEach(v -> {
            if (v.has("definition")) {
                out.put("variable " + v.get("name").asText(), v.get("definition").asText());
            }
        });
        return out;
    }

    static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        rule.at("/spec/groups").forEach(g -> g.get("rules").forEach(r -> out.put(r.get("alert").asText(), r)));
        return out;
    }
}
