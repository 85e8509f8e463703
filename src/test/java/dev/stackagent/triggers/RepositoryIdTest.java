package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryIdTest {

    @ParameterizedTest
    @CsvSource({
        "https://github.com/acme/stacks.git,   github.com, acme/stacks",
        "https://github.com/Acme/Stacks/,      github.com, acme/stacks",
        "git@github.com:acme/stacks.git,       github.com, acme/stacks",
        "ssh://git@gitlab.example.com:2222/group/sub/stacks.git, gitlab.example.com, group/sub/stacks",
        "https://user:pw@gitea.local:3000/acme/stacks, gitea.local, acme/stacks",
        "github.com/acme/stacks,               github.com, acme/stacks",
    })
    void normalizesUrls(String text, String host, String path) {
        assertThat(RepositoryId.parse(text)).isEqualTo(new RepositoryId(host, path));
    }

    @Test
    void aBareNameHasNoHostAndMatchesAnyHost() {
        RepositoryId bare = RepositoryId.parse("acme/stacks");
        assertThat(bare.host()).isNull();
        assertThat(bare.matches(RepositoryId.parse("git@github.com:acme/stacks.git"))).isTrue();
        assertThat(RepositoryId.parse("https://github.com/acme/stacks").matches(bare)).isTrue();
    }

    @Test
    void differentHostsOrPathsDoNotMatch() {
        RepositoryId ours = RepositoryId.parse("https://github.com/acme/stacks.git");
        assertThat(ours.matches(RepositoryId.parse("https://gitlab.com/acme/stacks.git"))).isFalse();
        assertThat(ours.matches(RepositoryId.parse("https://github.com/acme/stacks-fork.git"))).isFalse();
        assertThat(ours.matches(RepositoryId.parse("https://github.com/evil/acme/stacks.git"))).isFalse();
    }

    @Test
    void watchedRefFollowsTheGitSource() {
        Optional<String> none = Optional.empty();
        Optional<List<String>> noRepos = Optional.empty();
        Optional<String> url = Optional.of("https://github.com/acme/stacks.git");
        assertThat(WatchedSource.of(noRepos, none, url, none, none, none).refs()).containsExactly("refs/heads/main");
        assertThat(WatchedSource.of(noRepos, none, url, Optional.of("prod"), none, none).refs()).containsExactly("refs/heads/prod");
        assertThat(WatchedSource.of(noRepos, none, url, none, Optional.of("v1"), none).refs()).containsExactly("refs/tags/v1");
        assertThat(WatchedSource.of(noRepos, none, url, none, none, Optional.of("abc123")).refs()).isEmpty();
        assertThat(WatchedSource.of(Optional.of(List.of("acme/other")), Optional.of("release"), url, none, none, none))
                .isEqualTo(new WatchedSource(List.of(new RepositoryId(null, "acme/other")), java.util.Set.of("refs/heads/release")));
        assertThat(WatchedSource.of(noRepos, none, none, none, none, none).configured()).isFalse();
    }
}
