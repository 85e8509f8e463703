package dev.stackagent.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real {@code git://} server on loopback (JGit's {@link Daemon}) serving one repository as
 * {@code /repo.git}. Counts the packs it sends, so tests can prove that no fetch happened. Can be
 * stopped and started again on the same port.
 */
public final class GitDaemonServer implements AutoCloseable {

    static final String REPO_PATH = "repo.git";

    private final Repository repository;
    private final AtomicInteger packsSent = new AtomicInteger();
    private int port;
    private Daemon daemon;

    public GitDaemonServer(Repository repository) {
        this.repository = repository;
    }

    public GitDaemonServer start() throws IOException {
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", port));
        daemon.getService("git-upload-pack").setEnabled(true);
        daemon.setRepositoryResolver((client, name) -> {
            if (!name.equals("/" + REPO_PATH) && !name.equals(REPO_PATH)) {
                throw new RepositoryNotFoundException(name);
            }
            repository.incrementOpen();
            return repository;
        });
        daemon.setUploadPackFactory((client, db) -> {
            UploadPack uploadPack = new UploadPack(db);
            uploadPack.setPostUploadHook(stats -> packsSent.incrementAndGet());
            return uploadPack;
        });
        daemon.start();
        port = daemon.getAddress().getPort();
        return this;
    }

    public void stop() throws InterruptedException {
        daemon.stopAndWait();
    }

    public String url() {
        return "git://127.0.0.1:" + port + "/" + REPO_PATH;
    }

    String urlOf(String path) {
        return "git://127.0.0.1:" + port + "/" + path;
    }

    public int packsSent() {
        return packsSent.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null && daemon.isRunning()) {
            stop();
        }
    }
}
