package dev.stackagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The policy's bound on a schedule override requested through the cluster (stack-agent wake|sleep --for). */
class ScheduleOverrideBoundTest {
    static Policy parse(String extra) {
        return PolicyLoader.parse("policy.yaml", ("""
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                """ + extra).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wakeAndSleepAreBoundedByTwelveHoursByDefault() {
        assertThat(Policy.defaults().scheduleOverrideBound()).isEqualTo(Duration.ofHours(12));
        assertThat(parse("").scheduleOverrideBound()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void wakeBoundFromThePolicyFile() {
        assertThat(parse("maxScheduleOverride: 1d\n").scheduleOverrideBound()).isEqualTo(Duration.ofDays(1));
        assertThat(parse("maxScheduleOverride: 1h30m\n").scheduleOverrideBound()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void sleepBoundThatIsNotADurationNamesTheField() {
        assertThatThrownBy(() -> parse("maxScheduleOverride: twelve hours\n")).isInstanceOf(PolicyException.class)
                .hasMessage("policy.yaml: field maxScheduleOverride: 'twelve hours' is not a duration (examples: 12h, 1d, 90m)");
    }

    @Test
    void sleepBoundBeyondAWeekOrZeroIsRefused() {
        assertThatThrownBy(() -> parse("maxScheduleOverride: 8d\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("field maxScheduleOverride: at most 7d (8d given)");
        assertThatThrownBy(() -> parse("maxScheduleOverride: 0h\n")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("field maxScheduleOverride: must be greater than 0");
    }

    @Test
    void policyReadFromRenderedManifestsForTheWakeBound() {
        Policy p = PolicyLoader.parse("all.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: stack-agent}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: stack-agent-policy, namespace: stack-agent}
                data:
                  policy.yaml: |
                    apiVersion: stack-agent.dev/v1alpha1
                    kind: AgentPolicy
                    maxScheduleOverride: 4h
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(p.scheduleOverrideBound()).isEqualTo(Duration.ofHours(4));
        assertThatThrownBy(() -> PolicyLoader.parse("all.yaml", "kind: A\n---\nkind: B\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("all.yaml: 2 YAML documents and no ConfigMap stack-agent-policy among them");
    }
}
