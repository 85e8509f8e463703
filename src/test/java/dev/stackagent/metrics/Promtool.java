package dev.stackagent.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' {@code promtool} (Debian package {@code prometheus}, installed by {@code .ci/run}).
 * Tests that need it are skipped, with a message, where it is not installed.
 */
final class Promtool {
    record Run(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/usr/local/bin")).map(d -> Path.of(d, "promtool"))
                .filter(Files::isExecutable).findFirst();
    }

    /** The promtool binary, or the calling test is skipped. */
    static Path require() {
        Optional<Path> p = find();
        Assumptions.assumeTrue(p.isPresent(), "promtool not installed (apt-get install -y prometheus); skipping its check");
        return p.get();
    }

    /** Runs {@code promtool args...} with {@code stdin}; its stdout and stderr merged. */
    static Run run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool " + args[0] + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), out);
    }
}
