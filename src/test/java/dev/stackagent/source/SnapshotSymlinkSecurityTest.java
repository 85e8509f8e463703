package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard rail: a symlink committed to the config repo is recorded by path and never read, neither its
 * blob (the link target's name) nor, of course, the file it points at.
 */
class SnapshotSymlinkSecurityTest {

    private static final String SECRET_LINE = "root-secret-canary-7f3a";

    @TempDir
    Path tmp;

    private TestRepo repo;

    @BeforeEach
    void createRepo() throws Exception {
        repo = TestRepo.create(tmp.resolve("repo"));
    }

    @AfterEach
    void closeRepo() {
        repo.close();
    }

    @Test
    void symlinkInACommitIsRecordedByPathAndItsTargetNeverRead() throws Exception {
        Path outside = Files.writeString(tmp.resolve("passwd"), SECRET_LINE + "\n");
        repo.commit(Map.of("stacks/x/stack.yaml", "namespaces: [{name: x}]\n",
                "stacks/x/manifests/cm.yaml", "kind: ConfigMap\n"), "stack");
        repo.commitSymlink("stacks/x/manifests/evil.yaml", "/etc/passwd", "link to /etc/passwd");
        String sha = repo.commitSymlink("stacks/x/manifests/local.yaml", outside.toString(), "link outside");
        assertThat(modeOf(sha, "stacks/x/manifests/evil.yaml")).as("the fixture really is a symlink in Git")
                .isEqualTo(FileMode.SYMLINK);

        RepoSnapshot snapshot = CommitReader.read(repo.repository(), sha, GitSettingsBuilder.DEFAULT_MAX_SNAPSHOT_BYTES, "test");

        assertThat(snapshot.symlinks()).containsExactly("stacks/x/manifests/evil.yaml", "stacks/x/manifests/local.yaml");
        assertThat(snapshot.paths()).containsExactly("stacks/x/manifests/cm.yaml", "stacks/x/stack.yaml");
        assertThat(snapshot.bytes("stacks/x/manifests/evil.yaml")).isEmpty();
        assertThat(snapshot.text("stacks/x/manifests/local.yaml")).isEmpty();
        for (String path : snapshot.paths()) {
            String text = snapshot.text(path).orElseThrow();
            assertThat(text).doesNotContain(SECRET_LINE).doesNotContain("/etc/passwd").doesNotContain("root:");
        }
        assertThat(snapshot.toString()).contains("symlinks=2");
    }

    @Test
    void symlinkedDirectoryInACommitIsRecordedAndNothingUnderItIsRead() throws Exception {
        Path outsideDir = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outsideDir.resolve("leak.yaml"), SECRET_LINE + "\n");
        repo.commit(Map.of("stacks/x/stack.yaml", "namespaces: [{name: x}]\n"), "stack");
        String sha = repo.commitSymlink("stacks/x/manifests", outsideDir.toString(), "directory link");

        RepoSnapshot snapshot = CommitReader.read(repo.repository(), sha, GitSettingsBuilder.DEFAULT_MAX_SNAPSHOT_BYTES, "test");

        assertThat(snapshot.symlinks()).containsExactly("stacks/x/manifests");
        assertThat(snapshot.paths()).containsExactly("stacks/x/stack.yaml");
        assertThat(snapshot.totalBytes()).isEqualTo("namespaces: [{name: x}]\n".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aSnapshotWithoutSymlinksKeepsTheExistingApi() {
        RepoSnapshot snapshot = new RepoSnapshot("abc", Map.of("a.yaml", new byte[] {1}));
        assertThat(snapshot.symlinks()).isEmpty();
        assertThat(snapshot.paths()).containsExactly("a.yaml");
    }

    private FileMode modeOf(String sha, String path) throws Exception {
        try (RevWalk walk = new RevWalk(repo.repository());
                TreeWalk tree = TreeWalk.forPath(repo.repository(), path, walk.parseCommit(ObjectId.fromString(sha)).getTree())) {
            return tree.getFileMode(0);
        }
    }
}
