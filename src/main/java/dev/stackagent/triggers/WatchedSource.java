package dev.stackagent.triggers;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which pushes concern the agent: pushes to one of its repositories and to the ref it follows.
 * An empty ref set means the source is pinned to a commit, so no push changes it.
 */
public record WatchedSource(List<RepositoryId> repositories, Set<String> refs) {

    public WatchedSource {
        repositories = List.copyOf(repositories);
        refs = Set.copyOf(refs);
    }

    /**
     * From the configuration: explicit webhook repositories and ref win; otherwise the Git source's
     * URL and its tag, else its branch ({@code main} when neither tag nor commit is set).
     */
    public static WatchedSource of(Optional<List<String>> webhookRepositories, Optional<String> webhookRef,
            Optional<String> gitUrl, Optional<String> branch, Optional<String> tag, Optional<String> commit) {
        List<String> repos = webhookRepositories.filter(l -> !l.isEmpty()).orElse(gitUrl.map(List::of).orElse(List.of()));
        Set<String> refs;
        if (webhookRef.isPresent()) refs = Set.of(fullRef(webhookRef.get(), "refs/heads/"));
        else if (tag.isPresent()) refs = Set.of(fullRef(tag.get(), "refs/tags/"));
        else if (commit.isPresent() && branch.isEmpty()) refs = Set.of();
        else refs = Set.of(fullRef(branch.orElse("main"), "refs/heads/"));
        return new WatchedSource(repos.stream().map(RepositoryId::parse).toList(), refs);
    }

    private static String fullRef(String ref, String prefix) {
        return ref.startsWith("refs/") ? ref : prefix + ref;
    }

    public boolean configured() {
        return !repositories.isEmpty();
    }

    public boolean watchesRepository(PushEvent push) {
        return push.repositoryIds().stream().map(RepositoryId::parse)
                .anyMatch(id -> repositories.stream().anyMatch(id::matches));
    }

    public boolean watchesRef(PushEvent push) {
        return refs.contains(push.ref());
    }
}
