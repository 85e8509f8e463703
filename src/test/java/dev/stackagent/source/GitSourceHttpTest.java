package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.source.GitSourceException.Reason;

/** {@link GitSource} over smart HTTP with basic auth, against {@code git http-backend} on loopback. */
class GitSourceHttpTest {

    private static final String TOKEN = "glpat-right-token-123";

    @TempDir
    Path tmp;

    private TestRepo upstream;
    private GitHttpBackendServer server;
    private String head;

    @BeforeEach
    void startServer() throws Exception {
        assumeTrue(gitIsInstalled(), "git http-backend is not installed; skipping the HTTP test");
        upstream = TestRepo.create(tmp.resolve("upstream"));
        head = upstream.commit(Map.of("stacks/demo/stack.yaml", "name: demo\n"), "first");
        server = new GitHttpBackendServer(tmp, "deploy", TOKEN).start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
            upstream.close();
        }
    }

    private GitSource source(HttpsCredentials credentials) {
        return new GitSource(GitSettingsBuilder.of(server.urlOf("upstream/.git"))
                .cacheDir(tmp.resolve("cache")).https(credentials).allowInsecureHttp(true).build());
    }

    @Test
    void clonesWithTheTokenFromAFile() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        try (GitSource source = source(new HttpsCredentials("deploy", Optional.of(tokenFile), Optional.empty(),
                Optional.empty()))) {
            assertThat(source.remoteRevision()).contains(head);
            assertThat(source.fetch().revision()).isEqualTo(head);
            assertThat(source.snapshot(head).text("stacks/demo/stack.yaml")).contains("name: demo\n");
        }
    }

    @Test
    void aWrongOrMissingTokenIsAnAuthErrorThatDoesNotShowTheToken() {
        String wrong = "glpat-wrong-token-456";
        try (GitSource withWrong = source(new HttpsCredentials("deploy", Optional.empty(), Optional.of(wrong),
                Optional.empty()));
                GitSource anonymous = source(HttpsCredentials.none())) {
            assertThatThrownBy(withWrong::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.AUTH);
                assertThat(e.getMessage()).doesNotContain(wrong).contains(server.urlOf("upstream/.git"));
            });
            assertThatThrownBy(anonymous::fetch).isInstanceOfSatisfying(GitSourceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.AUTH));
        }
    }

    private static boolean gitIsInstalled() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
