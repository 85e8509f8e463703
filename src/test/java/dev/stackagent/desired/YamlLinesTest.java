package dev.stackagent.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.stackagent.testing.Stacks;

/** Checks made after parsing still point at the line of their field. */
class YamlLinesTest {
    static final String YAML = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: l, name: c}
            namespaces:
              - name: llm
            nodePools:
              - name: cpu
                machineType: n1-standard-4
              - name: tpu
                autoscaling:
                  minNodeCount: 5
                  maxNodeCount: 3
                taints:
                  - {key: google.com/tpu, value: present, effect: NoSchedule}
            schedule:
              timeZone: Europe/Amsterdm
              awake:
                - {days: Mon-Fri, from: "07:00", to: "07:00"}
            """;

    @ParameterizedTest(name = "{0} -> line {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nodePools[1].autoscaling.minNodeCount | 11
            nodePools[1].taints[0].effect         | 14
            schedule.timeZone                     | 16
            schedule.awake[0].to                  | 18
            nodePools[1].name                     | 9
            nodePools[0].machineType              | 8
            nodePools[7].name                     | 6
            """)
    void findsTheLineOfAFieldPath(String path, int line) {
        assertThat(YamlLines.lineOf(YAML.getBytes(StandardCharsets.UTF_8), path)).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodePools[1].autoscaling.minNodeCount | 11
            nodePools[1].taints[0].effect         | 14
            schedule.timeZone                     | 16
            schedule.awake[0].to                  | 18
            """)
    void validationErrorsCarryTheLine(String field, int line) {
        var state = StackLoader.load("rev", Stacks.files(Map.of("stacks/demo/stack.yaml", YAML)));

        assertThat(state.rejected().get("demo")).filteredOn(e -> e.field().equals(field)).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(line));
    }
}
