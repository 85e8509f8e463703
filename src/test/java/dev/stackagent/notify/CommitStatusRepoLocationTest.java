package dev.stackagent.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.stackagent.notify.status.RepoLocation;

/** The provider, API base and repository told from the Git URL, https and ssh forms alike, or set explicitly. */
class CommitStatusRepoLocationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://github.com/acme/llm-config.git,              GITHUB, https://api.github.com,             acme/llm-config",
            "https://github.com/acme/llm-config,                  GITHUB, https://api.github.com,             acme/llm-config",
            "git@github.com:acme/llm-config.git,                  GITHUB, https://api.github.com,             acme/llm-config",
            "ssh://git@github.com/acme/llm-config.git,            GITHUB, https://api.github.com,             acme/llm-config",
            "https://github.example.com/acme/cfg.git,             GITHUB, https://github.example.com/api/v3,  acme/cfg",
            "https://gitlab.com/platform/llm/config.git,          GITLAB, https://gitlab.com,                 platform/llm/config",
            "git@gitlab.internal:platform/llm/config.git,         GITLAB, https://gitlab.internal,            platform/llm/config",
            "ssh://git@gitlab.internal:2222/platform/config.git,  GITLAB, https://gitlab.internal,            platform/config",
            "https://gitea.example.org:3000/ops/config.git,       GITEA,  https://gitea.example.org:3000,     ops/config",
            "https://codeberg.org/ops/config,                     GITEA,  https://codeberg.org,               ops/config",
    })
    void providerAndRepositoryAreToldFromTheGitUrl(String url, String provider, String base, String repo) {
        RepoLocation l = RepoLocation.of(Optional.of(url), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(l.provider().name()).isEqualTo(provider);
        assertThat(l.apiBase()).isEqualTo(base);
        assertThat(l.repository()).isEqualTo(repo);
    }

    @Test
    void explicitProviderAndBaseUrlWinForAHostThatNamesNoProvider() {
        RepoLocation l = RepoLocation.of(Optional.of("git@git.corp.example:team/config.git"), Optional.of("forgejo"),
                Optional.of("https://git.corp.example/"), Optional.empty());
        assertThat(l.provider().id()).isEqualTo("gitea");
        assertThat(l.apiBase()).isEqualTo("https://git.corp.example");
        assertThat(l.repository()).isEqualTo("team/config");

        RepoLocation ghe = RepoLocation.of(Optional.of("https://code.corp.example/team/config.git"), Optional.of("github"),
                Optional.empty(), Optional.empty());
        assertThat(ghe.apiBase()).isEqualTo("https://code.corp.example/api/v3");
    }

    @Test
    void anUnknownHostWithoutAProviderIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> RepoLocation.of(Optional.of("https://git.corp.example/team/config.git"), Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("stack-agent.notifications.commit-status.provider");
        assertThatThrownBy(() -> RepoLocation.of(Optional.of("https://github.com/"), Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("stack-agent.notifications.commit-status.repository");
        assertThatThrownBy(() -> RepoLocation.of(Optional.empty(), Optional.of("bitbucket"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("unknown provider bitbucket");
    }
}
