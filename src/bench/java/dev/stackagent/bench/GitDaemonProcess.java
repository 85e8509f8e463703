package dev.stackagent.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Debian's {@code git daemon} serving one bare repository, {@code git://127.0.0.1:PORT/repo.git},
 * with pushes enabled. Stopped on {@link #close()} (and by the benchmark's shutdown hook).
 */
final class GitDaemonProcess implements AutoCloseable {
    final Path base;
    final int port;
    private final Process process;

    private GitDaemonProcess(Path base, int port, Process process) {
        this.base = base;
        this.port = port;
        this.process = process;
    }

    static GitDaemonProcess start(Path base) throws Exception {
        Files.createDirectories(base);
        run(List.of("git", "init", "-q", "--bare", "--initial-branch=main", base.resolve("repo.git").toString()));
        int port = Bench.freePort();
        Process p = new ProcessBuilder("git", "daemon", "--reuseaddr", "--base-path=" + base, "--export-all",
                "--enable=receive-pack", "--listen=127.0.0.1", "--port=" + port, base.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("git-daemon.log").toFile()).start();
        Processes.register(p);
        GitDaemonProcess daemon = new GitDaemonProcess(base, port, p);
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return daemon;
            } catch (IOException e) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    daemon.close();
                    throw new IllegalStateException("git daemon did not start: see " + base.resolve("git-daemon.log"));
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "git://127.0.0.1:" + port + "/repo.git";
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(5));
    }
}
