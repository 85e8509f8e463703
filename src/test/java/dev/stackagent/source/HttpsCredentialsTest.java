package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.source.GitSourceException.Reason;

/** HTTPS credentials come from files or env, are re-read on use, and never show up in text. */
class HttpsCredentialsTest {

    private static final String TOKEN = "ghp_s3cretTokenValue";

    @TempDir
    Path tmp;

    @Test
    void tokenFileIsReadOnEveryUseSoARotatedSecretTakesEffect() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), "first-token\n");
        HttpsCredentials credentials = new HttpsCredentials("x-access-token", Optional.of(tokenFile),
                Optional.of("env-token"), Optional.empty());

        assertThat(passwordOf(credentials.provider().orElseThrow())).isEqualTo("first-token");
        Files.writeString(tokenFile, "rotated-token\n");
        assertThat(passwordOf(credentials.provider().orElseThrow())).isEqualTo("rotated-token");
    }

    @Test
    void envTokenThenPasswordFileThenAnonymous() throws Exception {
        Path passwordFile = Files.writeString(tmp.resolve("password"), "pw");

        HttpsCredentials env = new HttpsCredentials("deploy", Optional.empty(), Optional.of(TOKEN),
                Optional.of(passwordFile));
        HttpsCredentials basic = new HttpsCredentials("alice", Optional.empty(), Optional.empty(),
                Optional.of(passwordFile));

        assertThat(userOf(env.provider().orElseThrow())).isEqualTo("deploy");
        assertThat(passwordOf(env.provider().orElseThrow())).isEqualTo(TOKEN);
        assertThat(userOf(basic.provider().orElseThrow())).isEqualTo("alice");
        assertThat(passwordOf(basic.provider().orElseThrow())).isEqualTo("pw");
        assertThat(HttpsCredentials.none().provider()).isEmpty();
        assertThat(new HttpsCredentials(" ", Optional.empty(), Optional.of(TOKEN), Optional.empty()).username())
                .isEqualTo(HttpsCredentials.DEFAULT_USERNAME);
    }

    @Test
    void anUnreadableSecretFileIsAConfigErrorWithoutItsContent() {
        HttpsCredentials credentials = new HttpsCredentials("u", Optional.of(tmp.resolve("absent")),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(credentials::provider).isInstanceOfSatisfying(GitSourceException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIG);
            assertThat(e.getMessage()).contains("token-file", "absent");
        });
    }

    @Test
    void toStringOfCredentialsAndSettingsNeverShowsTheToken() {
        HttpsCredentials credentials = new HttpsCredentials("u", Optional.empty(), Optional.of(TOKEN),
                Optional.empty());
        GitSettings settings = GitSettingsBuilder.of("https://user:" + TOKEN + "@git.example.com/org/repo.git")
                .https(credentials).build();

        assertThat(credentials.toString()).doesNotContain(TOKEN).contains("token=****");
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("https://git.example.com/org/repo.git");
        assertThat(new GitSource(settings).toString()).doesNotContain(TOKEN);
    }

    @Test
    void failureMessagesStripUserinfoAndMaskTheToken() throws Exception {
        String url = "https://oauth2:" + TOKEN + "@git.example.com/org/repo.git";
        GitSettings settings = GitSettingsBuilder.of(url).https(new HttpsCredentials("u", Optional.empty(),
                Optional.of(TOKEN), Optional.empty())).build();
        TransportException jgit = new TransportException(new URIish(url), "not authorized, token " + TOKEN);

        GitSourceException e = FailureClassifier.classify(jgit, Optional.empty(), "fetch", settings,
                settings.https().secretsToMask());

        assertThat(e.reason()).isEqualTo(Reason.AUTH);
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("oauth2")
                .contains("https://git.example.com/org/repo.git", "branch main");
        assertThat(e.getCause()).isNull();
    }

    private static String userOf(CredentialsProvider provider) {
        CredentialItem.Username user = new CredentialItem.Username();
        provider.get(null, List.<CredentialItem>of(user).toArray(CredentialItem[]::new));
        return user.getValue();
    }

    private static String passwordOf(CredentialsProvider provider) {
        CredentialItem.Password password = new CredentialItem.Password();
        provider.get(null, password);
        return new String(password.getValue());
    }
}
