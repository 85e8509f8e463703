package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stackagent.crd.StackResource;
import dev.stackagent.policy.Policy;

/**
 * The native image cannot be built on this machine (no GraalVM, no container engine), but Quarkus's
 * native build steps can run: the {@code native-sources} execution in the pom writes what
 * {@code native-image} would be given to {@code target/native-sources}. This reads it, so a change
 * that would break the native image at run time fails {@code ./mvnw verify}: a YAML/JSON type not
 * registered for reflection (Jackson binds it by reflection), SSH classes initialised at build time,
 * a builder image whose JDK differs from the one Quarkus generated the sources for.
 */
class NativeSourcesIT {
    private static Path dir;
    private static List<String> args;
    private static Set<String> reflected;

    @BeforeAll
    static void readSources() throws IOException {
        dir = Path.of(System.getProperty("native.sources.dir", "target/native-sources"));
        assertThat(dir.resolve("native-image.args"))
                .as("the native-sources execution (pom.xml) writes %s during package", dir).exists();
        args = Arrays.asList(Files.readString(dir.resolve("native-image.args")).trim().split("\\s+"));
        Path runner;
        try (var files = Files.list(dir)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(runner.toFile())) {
            JsonNode config = new ObjectMapper().readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json")));
            reflected = new HashSet<>();
            config.forEach(e -> reflected.add(e.path("name").asText()));
        }
    }

    @Test
    void everyTypeJacksonBindsFromYamlOrJsonIsRegisteredForReflection() {
        Set<String> missing = new TreeSet<>();
        List<Class<?>> roots = new java.util.ArrayList<>(NativeReadinessTest.ROOTS);
        roots.addAll(List.of(Policy.class, StackResource.class));
        for (Class<?> type : NativeReadinessTest.reachableFrom(roots)) {
            if (type.getName().startsWith("dev.stackagent.") && !reflected.contains(type.getName())) {
                missing.add(type.getName());
            }
        }
        assertThat(missing).as("project types bound by Jackson but missing from reflect-config.json: annotate with "
                + "@RegisterForReflection").isEmpty();
    }

    @Test
    void sshTransportIsInitialisedAtRunTimeAndItsReflectionConfigIsIncluded() {
        String runTime = args.stream().filter(a -> a.startsWith("--initialize-at-run-time=")).findFirst().orElse("");
        assertThat(runTime.substring(runTime.indexOf('=') + 1).split(","))
                .contains("org.apache.sshd", "org.eclipse.jgit.internal.transport.sshd", "org.eclipse.jgit.transport.sshd");
        assertThat(args).contains("-H:ReflectionConfigurationFiles=reflection-config.json");
        assertThat(dir.resolve("reflection-config.json")).content().contains("org.eclipse.jgit.internal.transport.sshd.SshdText");
    }

    @Test
    void theImageIsBuiltWithoutFallbackAndWithHttpsAndHeapDumps() {
        assertThat(args).contains("--no-fallback", "--link-at-build-time");
        assertThat(args.stream().filter(a -> a.startsWith("--enable-url-protocols=")).findFirst().orElse(""))
                .contains("https");
        assertThat(args.stream().filter(a -> a.startsWith("--enable-monitoring=")).findFirst().orElse(""))
                .contains("heapdump");
    }

    @Test
    void theBuilderImageOfTheNativeProfileMatchesTheJdkTheSourcesWereGeneratedFor() throws IOException {
        String version = Files.readString(dir.resolve("graalvm.version")).trim();
        String image = System.getProperty("native.builder.image", "");
        String major = version.split("\\.")[0];
        assertThat(image).as("graalvm.version %s", version).endsWith(":jdk-" + major);
    }
}
