package dev.stackagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The pod name of {@code stack-agent.*}, through SmallRye Config as Quarkus reads it. */
class AgentConfigTest {

    private static Optional<String> podName(Map<String, String> properties, Map<String, String> env) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors() // expressions, as in Quarkus
                .withMapping(AgentConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build().getConfigMapping(AgentConfig.class).podName();
    }

    @Test
    void thePodNameComesFromPodNameAsTheDeploymentSetsIt() {
        assertThat(podName(Map.of(), Map.of("POD_NAME", "stack-agent-7d9f-x2"))).contains("stack-agent-7d9f-x2");
    }

    @Test
    void orFromItsOwnKey() {
        assertThat(podName(Map.of(), Map.of("STACK_AGENT_POD_NAME", "agent-1", "POD_NAME", "other"))).contains("agent-1");
        assertThat(podName(Map.of("stack-agent.pod-name", "agent-2"), Map.of())).contains("agent-2");
    }

    @Test
    void outsideKubernetesThereIsNone() {
        assertThat(podName(Map.of(), Map.of())).isEmpty();
    }
}
