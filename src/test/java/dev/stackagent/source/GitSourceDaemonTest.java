package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.source.GitSourceException.Reason;

/** {@link GitSource} against a real git:// server on loopback. */
class GitSourceDaemonTest {

    @TempDir
    Path tmp;

    private TestRepo upstream;
    private GitDaemonServer server;
    private Path cacheDir;

    @BeforeEach
    void startServer() throws Exception {
        upstream = TestRepo.create(tmp.resolve("upstream"));
        server = new GitDaemonServer(upstream.repository()).start();
        cacheDir = tmp.resolve("cache");
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        upstream.close();
    }

    private GitSource source(GitRef ref) {
        return new GitSource(GitSettingsBuilder.of(server.url()).ref(ref).cacheDir(cacheDir).build());
    }

    @Test
    void clonesABranchAndReadsEveryFileOfTheCommit() throws Exception {
        String sha = upstream.commit(Map.of(
                "stacks/demo/stack.yaml", "name: demo\n",
                "stacks/demo/manifests/ns.yaml", "kind: Namespace\n",
                "README.md", "hello\n"), "first");

        try (GitSource source = source(new GitRef.Branch("main"))) {
            FetchResult result = source.fetch();
            RepoSnapshot snapshot = source.snapshot(result.revision());

            assertThat(result).isEqualTo(new FetchResult(sha, true, true));
            assertThat(snapshot.revision()).isEqualTo(sha);
            assertThat(snapshot.paths()).containsExactly(
                    "README.md", "stacks/demo/manifests/ns.yaml", "stacks/demo/stack.yaml");
            assertThat(snapshot.text("stacks/demo/stack.yaml")).contains("name: demo\n");
            assertThat(source.cacheRepositoryDir().resolve("objects")).isDirectory();
        }
    }

    @Test
    void fetchesANewCommitAndDownloadsNothingWhenTheRefDidNotMove() throws Exception {
        String first = upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        try (GitSource source = source(new GitRef.Branch("main"))) {
            source.fetch();
            int packsAfterClone = server.packsSent();

            FetchResult unchanged = source.fetch();
            assertThat(unchanged).isEqualTo(new FetchResult(first, false, false));
            assertThat(server.packsSent()).isEqualTo(packsAfterClone);

            String second = upstream.commit(Map.of("a.yaml", "v: 2\n", "b.yaml", "new\n"), "second");
            assertThat(source.remoteRevision()).contains(second);
            assertThat(server.packsSent()).as("ls-remote downloads no pack").isEqualTo(packsAfterClone);

            FetchResult moved = source.fetch();
            assertThat(moved).isEqualTo(new FetchResult(second, true, true));
            assertThat(server.packsSent()).isEqualTo(packsAfterClone + 1);
            assertThat(source.snapshot(second).text("a.yaml")).contains("v: 2\n");
            assertThat(source.snapshot(first).text("a.yaml")).contains("v: 1\n");
        }
    }

    @Test
    void followsALightweightTagAndAMovedAnnotatedTag() throws Exception {
        String first = upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        upstream.lightweightTag("light", first);
        upstream.annotatedTag("v1", first);
        String second = upstream.commit(Map.of("a.yaml", "v: 2\n"), "second");

        try (GitSource light = source(new GitRef.Tag("light")); GitSource annotated = source(new GitRef.Tag("v1"))) {
            assertThat(light.fetch().revision()).isEqualTo(first);
            assertThat(annotated.remoteRevision()).contains(first);
            assertThat(annotated.fetch().revision()).isEqualTo(first);
            assertThat(annotated.snapshot(first).text("a.yaml")).contains("v: 1\n");

            upstream.annotatedTag("v1", second);
            assertThat(annotated.fetch()).isEqualTo(new FetchResult(second, true, true));
        }
    }

    @Test
    void pinnedCommitIsFetchedOnceAndNeedsNoServerAfterwards() throws Exception {
        String pinned = upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        upstream.commit(Map.of("a.yaml", "v: 2\n"), "second");

        try (GitSource source = source(new GitRef.Commit(pinned))) {
            assertThat(source.fetch()).isEqualTo(new FetchResult(pinned, true, true));
            assertThat(source.snapshot(pinned).text("a.yaml")).contains("v: 1\n");

            server.stop();
            assertThat(source.remoteRevision()).contains(pinned);
            assertThat(source.fetch()).isEqualTo(new FetchResult(pinned, false, false));
        }
    }

    @Test
    void unknownBranchPinnedCommitAndRepositoryAreNotFound() throws Exception {
        upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        String absent = "0123456789abcdef0123456789abcdef01234567";

        try (GitSource branch = source(new GitRef.Branch("nope"));
                GitSource commit = source(new GitRef.Commit(absent));
                GitSource repo = new GitSource(GitSettingsBuilder.of(server.urlOf("missing.git"))
                        .cacheDir(cacheDir).build())) {
            assertThat(branch.remoteRevision()).isEmpty();
            assertThatThrownBy(branch::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).contains("branch nope", server.url());
            });
            assertThatThrownBy(commit::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).contains(absent, server.url());
            });
            assertThatThrownBy(repo::fetch).isInstanceOfSatisfying(GitSourceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    @Test
    void unreachableServerKeepsTheLastSnapshotAndConvergesWhenItIsBack() throws Exception {
        String first = upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        try (GitSource source = new GitSource(GitSettingsBuilder.of(server.url()).cacheDir(cacheDir)
                .timeout(java.time.Duration.ofSeconds(5)).build())) {
            source.fetch();
            server.stop();
            String second = upstream.commit(Map.of("a.yaml", "v: 2\n"), "second");

            assertThatThrownBy(source::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                assertThat(e.getMessage()).contains(server.url(), "branch main");
            });
            assertThatThrownBy(source::remoteRevision).isInstanceOfSatisfying(GitSourceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
            assertThat(source.cachedRevision()).contains(first);
            assertThat(source.snapshot(first).text("a.yaml")).contains("v: 1\n");

            server.start();
            assertThat(source.fetch()).isEqualTo(new FetchResult(second, true, true));
        }
    }

    @Test
    void aNewSourceOverTheSameCacheReusesTheClone() throws Exception {
        String sha = upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        try (GitSource before = source(new GitRef.Branch("main"))) {
            before.fetch();
        }
        int packsBeforeRestart = server.packsSent();

        try (GitSource after = source(new GitRef.Branch("main"))) {
            assertThat(after.cachedRevision()).contains(sha);
            assertThat(after.fetch()).isEqualTo(new FetchResult(sha, true, false));
            assertThat(server.packsSent()).isEqualTo(packsBeforeRestart);
        }
    }

    @Test
    void snapshotLargerThanTheLimitIsRefused() throws Exception {
        String sha = upstream.commit(Map.of("a.yaml", "x".repeat(600), "b.yaml", "y".repeat(600)), "big");
        try (GitSource source = new GitSource(GitSettingsBuilder.of(server.url()).cacheDir(cacheDir)
                .maxSnapshotBytes(1000).build())) {
            source.fetch();
            assertThatThrownBy(() -> source.snapshot(sha)).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                assertThat(e.getMessage()).contains("1000 bytes");
            });
        }
    }

    @Test
    void snapshotOfAnUnknownRevisionIsNotFound() throws Exception {
        upstream.commit(Map.of("a.yaml", "v: 1\n"), "first");
        try (GitSource source = source(new GitRef.Branch("main"))) {
            source.fetch();
            assertThatThrownBy(() -> source.snapshot("0123456789abcdef0123456789abcdef01234567"))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }
}
