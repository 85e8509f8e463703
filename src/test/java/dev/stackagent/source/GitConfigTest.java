package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Keys, defaults and validation of {@code stack-agent.git.*}, through SmallRye Config as Quarkus reads it. */
class GitConfigTest {

    private static GitSettings settings(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GitConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return GitSettings.from(config.getConfigMapping(GitConfig.class));
    }

    @Test
    void defaults() {
        GitSettings s = settings(Map.of("stack-agent.git.url", "https://github.com/o/r.git"), Map.of());

        assertThat(s.ref()).isEqualTo(new GitRef.Branch("main"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.cacheDir()).isEqualTo(Path.of("/tmp/stack-agent/git"));
        assertThat(s.maxSnapshotBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(s.https().isConfigured()).isFalse();
        assertThat(s.ssh().strictHostKeyChecking()).isTrue();
    }

    @Test
    void everyKeyIsRead() {
        GitSettings s = settings(Map.of(
                "stack-agent.git.url", "git@github.com:o/r.git",
                "stack-agent.git.tag", "v1.2.0",
                "stack-agent.git.poll-interval", "5m",
                "stack-agent.git.max-snapshot-size", "1M",
                "stack-agent.git.cache-dir", "/var/cache/git",
                "stack-agent.git.ssh-key-file", "/etc/git/id",
                "stack-agent.git.known-hosts-file", "/etc/git/known_hosts",
                "stack-agent.git.strict-host-key-checking", "false"),
                Map.of("STACK_AGENT_GIT_TOKEN", "from-env"));

        assertThat(s.ref()).isEqualTo(new GitRef.Tag("v1.2.0"));
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.maxSnapshotBytes()).isEqualTo(1024 * 1024);
        assertThat(s.cacheDir()).isEqualTo(Path.of("/var/cache/git"));
        assertThat(s.ssh().keyFile()).contains(Path.of("/etc/git/id"));
        assertThat(s.ssh().knownHostsFile()).contains(Path.of("/etc/git/known_hosts"));
        assertThat(s.ssh().strictHostKeyChecking()).isFalse();
        assertThat(s.https().isConfigured()).isTrue();
        assertThat(s.https().toString()).doesNotContain("from-env");
    }

    @Test
    void moreThanOneRefOrAShortCommitOrNoUrlIsRejected() {
        assertThatThrownBy(() -> settings(Map.of("stack-agent.git.url", "u", "stack-agent.git.branch", "main",
                "stack-agent.git.tag", "v1"), Map.of())).hasMessageContaining("only one of");
        assertThatThrownBy(() -> settings(Map.of("stack-agent.git.url", "u", "stack-agent.git.commit", "abc123"),
                Map.of())).hasMessageContaining("40-character");
        assertThatThrownBy(() -> settings(Map.of(), Map.of())).hasMessageContaining("stack-agent.git.url");
    }
}
