package dev.stackagent.cli;

import static dev.stackagent.cli.LauncherCommandTest.LAUNCHER;
import static dev.stackagent.cli.LauncherCommandTest.fakeJava;
import static dev.stackagent.cli.LauncherCommandTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AppCDS archives ({@code quarkus-app/app-cds.jsa} for {@code run}, {@code app-cds-cli.jsa} for the other
 * commands, each written by the build with a {@code .jdk} file naming the JDK): used only by that JDK (read from its
 * {@code release} file), never together with a JDK 25 AOT cache, off with {@code STACK_AGENT_CDS=off}, recorded again
 * with {@code =train}; an archive the JVM refuses never reaches stdout. A stand-in {@code java} prints what it was given.
 */
class LauncherAppCdsTest {
    static final String JDK17 = "17.0.15+6-Debian-1deb12u1";

    @TempDir
    Path tmp;
    Path launcher;
    Path javaHome;
    Path archive;
    Path cliArchive;

    @BeforeEach
    void install() throws Exception {
        Files.createDirectories(tmp.resolve("target/quarkus-app"));
        Files.writeString(tmp.resolve("target/quarkus-app/quarkus-run.jar"), "x");
        archive = Files.writeString(tmp.resolve("target/quarkus-app/app-cds.jsa"), "archive");
        cliArchive = Files.writeString(tmp.resolve("target/quarkus-app/app-cds-cli.jsa"), "archive");
        launcher = Files.copy(LAUNCHER, tmp.resolve("target/stack-agent"));
        javaHome = fakeJava(tmp);
    }

    private void jdk(String feature, String runtime) throws Exception {
        Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"" + feature + "\"\nJAVA_RUNTIME_VERSION=\"" + runtime + "\"\n");
    }

    /** The build's .jdk files: the archives were written by {@code runtime}. */
    private void writtenBy(String runtime) throws Exception {
        Files.writeString(tmp.resolve("target/quarkus-app/app-cds.jdk"), runtime);
        Files.writeString(tmp.resolve("target/quarkus-app/app-cds-cli.jdk"), runtime);
    }

    private List<String> javaArgs(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_HOME", javaHome.toString());
        all.putIfAbsent("STACK_AGENT_AOT", "");
        all.putIfAbsent("STACK_AGENT_CDS", "");
        var r = sh(launcher, all, args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().lines().map(l -> l.substring("arg: ".length())).toList();
    }

    @Test
    void theArchiveIsUsedByTheJdkThatWroteIt() throws Exception {
        jdk("17.0.15", JDK17);
        writtenBy(JDK17);

        assertThat(javaArgs(Map.of("JAVA_OPTS", "-Xmx64m"), "run")).startsWith("-XX:SharedArchiveFile=" + archive.toRealPath(), "-Xshare:auto",
                "-Xlog:cds*=off", "-Xlog:cds*=warning:stderr", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar");
        assertThat(javaArgs(Map.of())).as("no command: run").contains("-XX:SharedArchiveFile=" + archive.toRealPath());
        assertThat(javaArgs(Map.of(), "validate", "repo")).as("the other commands: their own archive")
                .contains("-XX:SharedArchiveFile=" + cliArchive.toRealPath());
    }

    @Test
    void runUsesTheCliArchiveWhenThereIsNoneOfItsOwn() throws Exception {
        jdk("17.0.15", JDK17);
        writtenBy(JDK17);
        Files.delete(archive);

        assertThat(javaArgs(Map.of(), "run")).contains("-XX:SharedArchiveFile=" + cliArchive.toRealPath());
    }

    @Test
    void anotherJdkOrAnUnknownOneDoesNotUseIt() throws Exception {
        writtenBy(JDK17);
        assertThat(javaArgs(Map.of(), "run")).as("no release file").noneMatch(a -> a.contains("Share"));

        jdk("17.0.16", "17.0.16+8");
        assertThat(javaArgs(Map.of(), "run")).as("another build of 17").noneMatch(a -> a.contains("Share"));

        jdk("25.0.3", "25.0.3+9-LTS");
        assertThat(javaArgs(Map.of(), "run")).as("JDK 25").noneMatch(a -> a.contains("Share"));
    }

    @Test
    void offNeverUsesIt() throws Exception {
        jdk("17.0.15", JDK17);
        writtenBy(JDK17);

        assertThat(javaArgs(Map.of("STACK_AGENT_CDS", "off"), "run")).noneMatch(a -> a.contains("Share"));
        assertThat(javaArgs(Map.of("STACK_AGENT_CDS", "off"), "plan", "repo")).noneMatch(a -> a.contains("Share"));
    }

    @Test
    void neverTogetherWithTheJdk25AotCache() throws Exception {
        Path cache = Files.writeString(tmp.resolve("target/stack-agent.aot"), "cache");
        jdk("25.0.3", "25.0.3+9-LTS");
        writtenBy("25.0.3+9-LTS");
        assertThat(javaArgs(Map.of(), "run")).contains("-XX:AOTCache=" + cache.toRealPath()).noneMatch(a -> a.contains("SharedArchiveFile"));

        jdk("17.0.15", JDK17);
        writtenBy(JDK17);
        assertThat(javaArgs(Map.of(), "run")).as("JDK 17 cannot use the AOT cache: the archive instead")
                .contains("-XX:SharedArchiveFile=" + archive.toRealPath()).noneMatch(a -> a.contains("AOT"));
    }

    @Test
    void trainRecordsTheArchiveAndNamesTheJdk() throws Exception {
        jdk("17.0.15", JDK17);

        Files.delete(archive);

        Path quarkusApp = tmp.resolve("target/quarkus-app").toRealPath();
        assertThat(javaArgs(Map.of("STACK_AGENT_CDS", "train"), "run")).startsWith(
                "-XX:ArchiveClassesAtExit=" + quarkusApp.resolve("app-cds.jsa"),
                "-Xlog:class+load=info:file=" + quarkusApp.resolve("app-cds.classes"),
                "-Dcds.link-classes-from=" + quarkusApp.resolve("app-cds.classes"));
        assertThat(Files.readString(tmp.resolve("target/quarkus-app/app-cds.jdk")).trim()).isEqualTo(JDK17);
        assertThat(javaArgs(Map.of("STACK_AGENT_CDS", "train"), "validate", "repo")).first()
                .isEqualTo("-XX:ArchiveClassesAtExit=" + cliArchive.toRealPath());
        assertThat(Files.readString(tmp.resolve("target/quarkus-app/app-cds-cli.jdk")).trim()).isEqualTo(JDK17);
    }

    /**
     * What the launcher relies on: a JVM given an archive it cannot use (here: written for a jar that has since moved
     * and changed) runs without it and says so on stderr, with the options the launcher adds; stdout stays the
     * program's (plan -o json).
     */
    @Test
    void anArchiveTheJvmRefusesLeavesStdoutClean() throws Exception {
        Path src = Files.writeString(tmp.resolve("Hello.java"), "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        assertThat(ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", tmp.resolve("cls").toString(), src.toString())).isZero();
        Path jar = tmp.resolve("h.jar");
        assertThat(ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "cf", jar.toString(), "-C", tmp.resolve("cls").toString(),
                "Hello.class")).isZero();
        Path jsa = tmp.resolve("h.jsa");
        java("-XX:ArchiveClassesAtExit=" + jsa, "-cp", jar.toString(), "Hello");
        assertThat(jsa).exists();
        Path moved = Files.copy(jar, Files.createDirectories(tmp.resolve("moved")).resolve("h.jar"));
        Files.setLastModifiedTime(moved, FileTime.fromMillis(0));

        String[] outErr = java("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:cds*=off", "-Xlog:cds*=warning:stderr", "-cp", moved.toString(),
                "Hello");

        assertThat(outErr[0]).isEqualTo("hello\n");
        assertThat(outErr[1]).contains("shared archive");
    }

    private static String[] java(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.exitValue()).as(err).isZero();
        return new String[] {out, err};
    }
}
