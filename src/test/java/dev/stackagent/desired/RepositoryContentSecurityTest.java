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
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: demo-project, location: europe-west4-a, name: demo-cluster}
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

    @Test
    void theFixtureStackIsValidWithoutTheInjectedFault() {
        DesiredState state = Repo.of().file("stacks/team-a/stack.yaml", STACK + "manifests: [manifests]\n")
                .file("stacks/team-a/manifests/cm.yaml", CONFIG_MAP).load();

        assertThat(state.errors()).isEmpty();
        assertThat(state.stacks()).singleElement().satisfies(s -> assertThat(s.objects()).hasSize(2));
    }

    @Test
    void duplicateKeyInStackYamlIsAnErrorWithFileAndLine() {
        String stack = STACK + """
                manifests: [manifests]
                options:
                  prune: true
                  prune: false
                """;
        DesiredState state = Repo.of().file("stacks/team-a/stack.yaml", stack)
                .file("stacks/team-a/manifests/cm.yaml", CONFIG_MAP).load();

        assertThat(state.stacks()).isEmpty();
        assertThat(state.rejected().get("team-a")).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("stacks/team-a/stack.yaml");
            assertThat(e.line()).isEqualTo(Repo.lineOf(stack, "prune: false"));
            assertThat(e.message()).contains("key 'prune' appears twice");
        });
    }

    @Test
    void duplicateTopLevelKeyInStackYamlDoesNotSilentlyWin() {
        String stack = STACK + """
                manifests: [manifests]
                manifests: [elsewhere]
                """;
        DesiredState state = Repo.of().file("stacks/team-a/stack.yaml", stack)
                .file("stacks/team-a/manifests/cm.yaml", CONFIG_MAP).load();

        assertThat(state.rejected().get("team-a")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(Repo.lineOf(stack, "[elsewhere]"));
            assertThat(e.message()).contains("key 'manifests' appears twice");
        });
    }

    @Test
    void duplicateKeyInAManifestIsAnErrorWithFileAndLine() {
        String manifest = CONFIG_MAP + "  mode: unsafe\n";
        DesiredState state = Repo.of().file("stacks/team-a/stack.yaml", STACK)
                .file("stacks/team-a/cm.yaml", manifest).load();

        assertThat(state.rejected().get("team-a")).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("stacks/team-a/cm.yaml");
            assertThat(e.line()).isEqualTo(Repo.lineOf(manifest, "unsafe"));
            assertThat(e.message()).contains("key 'mode' appears twice");
        });
    }

    @Test
    void yamlAliasesAreRefusedNotExpandedNorReadAsTheAnchorName() {
        String laughs = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: laughs
                data:
                  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                  d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                """;
        String merge = CONFIG_MAP + "  <<: *settings\n";
        DesiredState state = Repo.of().file("stacks/team-a/stack.yaml", STACK)
                .file("stacks/team-a/laughs.yaml", laughs).file("stacks/team-a/merge.yaml", merge.replace("metadata:", "metadata: &settings")).load();

        assertThat(state.rejected().get("team-a")).hasSize(2).allSatisfy(e ->
                assertThat(e.message()).contains("YAML aliases are not supported"));
        assertThat(state.rejected().get("team-a")).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("stacks/team-a/laughs.yaml");
            assertThat(e.line()).isEqualTo(Repo.lineOf(laughs, "b: &b"));
            assertThat(e.message()).contains("*a");
        });
        assertThat(state.rejected().get("team-a")).anySatisfy(e -> assertThat(e.file()).isEqualTo("stacks/team-a/merge.yaml"));
    }

    @Test
    void aYamlDocumentLargerThanTheParserBoundIsRefusedWithAClearError() {
        StringBuilder big = new StringBuilder(CONFIG_MAP).append("  big: |\n");
        String line = "    " + "x".repeat(75) + "\n";
        while (big.length() <= Yaml.MAX_DOCUMENT_CODE_POINTS + line.length()) big.append(line);
        java.util.List<ValidationError> errors = new java.util.ArrayList<>();

        assertThat(ManifestReader.read("stacks/team-a/big.yaml", big.toString().getBytes(StandardCharsets.UTF_8), errors)).isEmpty();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("stacks/team-a/big.yaml");
            assertThat(e.message()).contains("not valid YAML", "exceeds the limit", String.valueOf(Yaml.MAX_DOCUMENT_CODE_POINTS));
        });
    }

    private static void assertNoneContains(RepoFiles read, String text) {
        read.files().forEach((path, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .as(path).doesNotContain(text));
    }
}
