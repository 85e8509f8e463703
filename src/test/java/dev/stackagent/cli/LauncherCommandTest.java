package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stack-agent} command (src/main/launcher/stack-agent, copied to target/stack-agent by the build): it finds
 * quarkus-app/quarkus-run.jar next to itself (through a symlink on the PATH too), runs it with JAVA_HOME's java and
 * JAVA_OPTS, and passes the arguments through unchanged. A stand-in {@code java} prints what it was given.
 */
class LauncherCommandTest {
    static final Path LAUNCHER = Path.of("src/main/launcher/stack-agent");

    record Run(int exitCode, String out, String err) {
    }

    static Run sh(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("sh", script.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("JAVA_OPTS_APPEND");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Path fakeJava(Path dir) throws IOException {
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("jdk");
    }

    @Test
    void launcherCommandRunsTheJarNextToItselfWithJavaOpts(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target/quarkus-app"));
        Files.writeString(target.resolve("quarkus-run.jar"), "not really a jar");
        Path launcher = Files.copy(LAUNCHER, tmp.resolve("target/stack-agent"));

        Run r = sh(launcher, Map.of("JAVA_HOME", fakeJava(tmp).toString(), "JAVA_OPTS", "-Xmx64m -Dx=1"), "plan", "my repo", "--at",
                "2026-12-02T21:00");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                arg: -XX:TieredStopAtLevel=1
                arg: -Xmx64m
                arg: -Dx=1
                arg: -jar
                arg: %s
                arg: plan
                arg: my repo
                arg: --at
                arg: 2026-12-02T21:00
                """.formatted(tmp.resolve("target/quarkus-app/quarkus-run.jar").toRealPath()));
    }

    @Test
    void launcherCommandThroughASymlinkOnThePath(@TempDir Path tmp) throws Exception {
        Path target = Files.createDirectories(tmp.resolve("build/quarkus-app"));
        Files.writeString(target.resolve("quarkus-run.jar"), "x");
        Path launcher = Files.copy(LAUNCHER, tmp.resolve("build/stack-agent"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("stack-agent"), launcher);

        Run r = sh(link, Map.of("JAVA_HOME", fakeJava(tmp).toString()), "-V");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("arg: " + target.resolve("quarkus-run.jar").toRealPath()).endsWith("arg: -V\n");
    }

    @Test
    void launcherCommandWithoutABuildSaysHowToBuild(@TempDir Path tmp) throws Exception {
        Path launcher = Files.copy(LAUNCHER, tmp.resolve("stack-agent"));

        Run r = sh(launcher, Map.of("JAVA_HOME", fakeJava(tmp).toString()), "--help");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no quarkus-app/quarkus-run.jar").contains("./mvnw -B package -DskipTests");
    }

    @Test
    void launcherCommandIsWhatTheBuildProducesAndTheImageRuns() throws IOException {
        assertThat(Path.of("target/stack-agent")).as("generate-resources copies the launcher").exists().isExecutable();
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")))
                .contains("COPY --chown=1001:0 target/stack-agent /deployments/stack-agent")
                .contains("ENTRYPOINT [ \"/deployments/stack-agent\" ]");
    }
}
