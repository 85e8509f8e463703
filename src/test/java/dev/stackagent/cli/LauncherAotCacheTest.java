package dev.stackagent.cli;

import static dev.stackagent.cli.LauncherCommandTest.LAUNCHER;
import static dev.stackagent.cli.LauncherCommandTest.fakeJava;
import static dev.stackagent.cli.LauncherCommandTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JDK 25 AOT cache: {@code STACK_AGENT_AOT=train} records {@code stack-agent.aot} next to the launcher
 * (or {@code STACK_AGENT_AOT_CACHE}), later runs use it when it exists, {@code off} never; an older JDK ignores the
 * option instead of refusing to start. A stand-in {@code java} prints what it was given.
 */
class LauncherAotCacheTest {
    @TempDir
    Path tmp;
    Path launcher;
    String javaHome;

    @BeforeEach
    void install() throws Exception {
        Files.createDirectories(tmp.resolve("target/quarkus-app"));
        Files.writeString(tmp.resolve("target/quarkus-app/quarkus-run.jar"), "x");
        launcher = Files.copy(LAUNCHER, tmp.resolve("target/stack-agent"));
        javaHome = fakeJava(tmp).toString();
    }

    private List<String> javaArgs(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_HOME", javaHome);
        all.putIfAbsent("STACK_AGENT_AOT", "");
        var r = sh(launcher, all, "validate", "repo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().lines().map(l -> l.substring("arg: ".length())).toList();
    }

    @Test
    void launcherAotCacheIsNotUsedWhenThereIsNone() throws Exception {
        assertThat(javaArgs(Map.of())).noneMatch(a -> a.contains("AOT")).startsWith("-XX:TieredStopAtLevel=1", "-jar");
    }

    @Test
    void launcherAotCacheNextToTheLauncherIsUsedAndAnOlderJdkIgnoresIt() throws Exception {
        Path cache = Files.writeString(tmp.resolve("target/stack-agent.aot"), "cache");

        assertThat(javaArgs(Map.of("JAVA_OPTS", "-Xmx64m"))).startsWith("-XX:+IgnoreUnrecognizedVMOptions",
                "-XX:AOTCache=" + cache.toRealPath(), "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar");
    }

    @Test
    void launcherAotTrainingRecordsTheCacheWhereConfigured() throws Exception {
        Path elsewhere = tmp.resolve("cache/agent.aot");

        assertThat(javaArgs(Map.of("STACK_AGENT_AOT", "train"))).first().asString()
                .isEqualTo("-XX:AOTCacheOutput=" + tmp.resolve("target").toRealPath().resolve("stack-agent.aot"));
        assertThat(javaArgs(Map.of("STACK_AGENT_AOT", "train", "STACK_AGENT_AOT_CACHE", elsewhere.toString()))).first()
                .isEqualTo("-XX:AOTCacheOutput=" + elsewhere);
    }

    @Test
    void launcherAotOffIgnoresAnExistingCache() throws Exception {
        Files.writeString(tmp.resolve("target/stack-agent.aot"), "cache");

        assertThat(javaArgs(Map.of("STACK_AGENT_AOT", "off"))).noneMatch(a -> a.contains("AOT"));
    }

    /** Every command, the agent ({@code run}, also without arguments) included, runs with C1 alone; JAVA_OPTS can bring C2 back. */
    @Test
    void launcherRunsEveryCommandWithC1AndJavaOptsCanBringC2Back() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", javaHome, "STACK_AGENT_AOT", "");
        assertThat(sh(launcher, env, "run").out()).startsWith("arg: -XX:TieredStopAtLevel=1\n");
        assertThat(sh(launcher, env).out()).startsWith("arg: -XX:TieredStopAtLevel=1\n");
        assertThat(sh(launcher, env, "plan", "repo").out()).startsWith("arg: -XX:TieredStopAtLevel=1\n");
        assertThat(sh(launcher, Map.of("JAVA_HOME", javaHome, "JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "run").out())
                .as("JAVA_OPTS comes later and wins").contains("arg: -XX:TieredStopAtLevel=1\narg: -XX:TieredStopAtLevel=4\n");
    }

    /** The reason for -XX:+IgnoreUnrecognizedVMOptions: the JDK running these tests (17) does not know -XX:AOTCache. */
    @Test
    void launcherAotOptionsDoNotStopAJdkWithoutLeyden() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:+IgnoreUnrecognizedVMOptions", "-XX:AOTCache=" + tmp.resolve("none.aot"),
                "-version").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
