package dev.stackagent.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guard rails on the content of a config repo: symlinks are reported, never followed; YAML that is
 * ambiguous (duplicate keys, aliases) or oversized is an error with its file and line.
 */
class RepositoryContentSecurityTest {

    private static final String SECRET_LINE = "root-secret-canary-7f3a";
    private static final String STACK = """
            namespaces:
              - name: team-a
            """;
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: safe
            """;

    @TempDir
    Path tmp;

    @Test
    void symlinkToOutsideIsReportedNotFollowed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("passwd"), "kind: ConfigMap # " + SECRET_LINE + "\n");
        Path repo = tmp.resolve("repo");
        Path manifests = Files.createDirectories(repo.resolve("stacks/team-a/manifests"));
        Files.writeString(repo.resolve("stacks/team-a/stack.yaml"), STACK);
        Files.writeString(manifests.resolve("cm.yaml"), CONFIG_MAP);
        Files.createSymbolicLink(manifests.resolve("evil.yaml"), outside);
        Files.createSymbolicLink(manifests.resolve("etc.yaml"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(manifests.resolve("dangling.yaml"), tmp.resolve("does-not-exist"));

        RepoFiles read = StackLoader.readRepository(repo);

        assertThat(read.symlinks()).containsExactly("stacks/team-a/manifests/dangling.yaml",
                "stacks/team-a/manifests/etc.yaml", "stacks/team-a/manifests/evil.yaml");
        assertThat(read.files()).containsOnlyKeys("stacks/team-a/manifests/cm.yaml", "stacks/team-a/stack.yaml");
        assertNoneContains(read, SECRET_LINE);
        assertNoneContains(read, "root:");
        assertThat(read.toString()).doesNotContain(SECRET_LINE);
        assertThat(StackLoader.readDirectory(repo)).as("the older API reads the same regular files")
                .containsOnlyKeys(read.files().keySet());
    }

    @Test
    void symlinkedDirectoryIsReportedAndNothingUnderItIsRead() throws Exception {
        Path outsideDir = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outsideDir.resolve("leak.yaml"), "# " + SECRET_LINE + "\n" + CONFIG_MAP);
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("stacks/team-a"));
        Files.writeString(repo.resolve("stacks/team-a/stack.yaml"), STACK);
        Files.createSymbolicLink(repo.resolve("stacks/team-a/manifests"), outsideDir);
        Files.createSymbolicLink(repo.resolve("stacks/team-b"), outsideDir);

        RepoFiles read = StackLoader.readRepository(repo);

        assertThat(read.symlinks()).containsExactly("stacks/team-a/manifests", "stacks/team-b");
        assertThat(read.files()).containsOnlyKeys("stacks/team-a/stack.yaml");
        assertNoneContains(read, SECRET_LINE);
    }

    @Test
    void aSymlinkedStacksDirectoryIsReportedNotWalked() throws Exception {
        Path outsideDir = Files.createDirectories(tmp.resolve("outside/team-a"));
        Files.writeString(outsideDir.resolve("stack.yaml"), STACK + "# " + SECRET_LINE + "\n");
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("stacks"), tmp.resolve("outside"));

        RepoFiles read = StackLoader.readRepository(repo);

        assertThat(read.symlinks()).containsExactly("stacks");
        assertThat(read.files()).isEmpty();
    }

    private static void assertNoneContains(RepoFiles read, String text) {
        read.files().forEach((path, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .as(path).doesNotContain(text));
    }
}
