package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Guard rail: a Git token or password is never sent over plain http; the agent refuses to start instead. */
class TransportSecurityTest {

    private static final String TOKEN = "glpat-transport-canary-93d1";

    @TempDir
    Path tmp;

    private static GitConfig config(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GitConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(GitConfig.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            token from the environment | http://git.example.com/acme/stacks.git | token         | stack-agent.git.token
            token file                 | http://git.example.com/acme/stacks.git | token-file    | stack-agent.git.token-file
            password file              | HTTP://127.0.0.1:8080/acme/stacks.git  | password-file | stack-agent.git.password-file
            password in the URL        | http://deploy:SECRET@git.example.com/s | none          | a password in stack-agent.git.url
            """)
    void credentialOverPlainHttpIsRefusedAtStartUpNamingTheSetting(String name, String url, String source, String setting)
            throws Exception {
        Path secretFile = Files.writeString(tmp.resolve("secret"), TOKEN + "\n");
        Map<String, String> properties = new HashMap<>(Map.of("stack-agent.git.url", url.replace("SECRET", TOKEN)));
        Map<String, String> env = new HashMap<>();
        switch (source) {
            case "token" -> env.put("STACK_AGENT_GIT_TOKEN", TOKEN);
            case "token-file" -> properties.put("stack-agent.git.token-file", secretFile.toString());
            case "password-file" -> properties.put("stack-agent.git.password-file", secretFile.toString());
            default -> { }
        }
        GitConfig config = config(properties, env);

        assertThatThrownBy(() -> new GitSourceProducer().gitSource(config)).isInstanceOfSatisfying(GitSourceException.class, e -> {
            assertThat(e.reason()).isEqualTo(GitSourceException.Reason.CONFIG);
            assertThat(e.getMessage()).contains("http://", setting, GitSettings.ALLOW_INSECURE_HTTP_KEY)
                    .doesNotContain(TOKEN).doesNotContain("\n");
        });
    }

    @Test
    void plainHttpWithoutCredentialsAndHttpsWithATokenStayAllowed() {
        assertThatCode(() -> GitSettings.from(config(Map.of("stack-agent.git.url", "http://127.0.0.1:3000/acme/stacks.git",
                "stack-agent.git.username", "deploy"), Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> GitSettings.from(config(Map.of("stack-agent.git.url", "http://reader@git.example.com/s.git"),
                Map.of()))).as("a user name alone is no credential").doesNotThrowAnyException();
        GitSettings https = GitSettings.from(config(Map.of("stack-agent.git.url", "https://git.example.com/acme/stacks.git"),
                Map.of("STACK_AGENT_GIT_TOKEN", TOKEN)));
        assertThat(https.https().isConfigured()).isTrue();
        assertThat(https.sendsCredentialsInClearText()).isFalse();
        assertThatCode(() -> GitSettingsBuilder.of("git://127.0.0.1/repo.git").https(new HttpsCredentials("u",
                java.util.Optional.empty(), java.util.Optional.of(TOKEN), java.util.Optional.empty())).build())
                .as("git:// never sends HTTP credentials").doesNotThrowAnyException();
    }

    @Test
    void theInsecureHttpOptOutIsOffByDefaultAndExplicit() {
        Map<String, String> env = Map.of("STACK_AGENT_GIT_TOKEN", TOKEN);
        String url = "http://127.0.0.1:8080/acme/stacks.git";

        assertThat(config(Map.of("stack-agent.git.url", url), Map.of()).allowInsecureHttp()).isFalse();
        GitSettings optedOut = GitSettings.from(config(Map.of("stack-agent.git.url", url,
                GitSettings.ALLOW_INSECURE_HTTP_KEY, "true"), env));
        assertThat(optedOut.allowInsecureHttp()).isTrue();
        assertThat(optedOut.sendsCredentialsInClearText()).isTrue();
        assertThat(optedOut.toString()).contains("allowInsecureHttp=true").doesNotContain(TOKEN);
        assertThatThrownBy(() -> GitSettingsBuilder.of(url).https(new HttpsCredentials("u", java.util.Optional.empty(),
                java.util.Optional.of(TOKEN), java.util.Optional.empty())).build())
                .as("the builder refuses too").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack-agent.git.token");
    }
}
