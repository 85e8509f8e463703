package dev.stackagent.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.PreUploadHook;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real {@code git://} server on loopback that can fail: {@link #dropNextFetches(int)} makes the
 * next fetches die after the refs were advertised and the client said what it wants, before any
 * object is sent (the server going away mid-fetch; a ref check with {@code ls-remote} still works);
 * {@link #stop()} and {@link #start()} take it away entirely and bring it back on the same port.
 */
final class FlakyGitServer implements AutoCloseable {
    private final Repository repository;
    private final AtomicInteger fetchesToDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private int port;
    private Daemon daemon;

    FlakyGitServer(Repository repository) {
        this.repository = repository;
    }

    FlakyGitServer start() throws IOException {
        daemon = new Daemon(new InetSocketAddress("127.0.0.1", port));
        daemon.getService("git-upload-pack").setEnabled(true);
        daemon.setRepositoryResolver((client, name) -> {
            if (!name.equals("/repo.git") && !name.equals("repo.git")) {
                throw new RepositoryNotFoundException(name);
            }
            repository.incrementOpen();
            return repository;
        });
        daemon.setUploadPackFactory((client, db) -> {
            UploadPack uploadPack = new UploadPack(db);
            uploadPack.setPreUploadHook(new DroppingHook());
            return uploadPack;
        });
        daemon.start();
        port = daemon.getAddress().getPort();
        return this;
    }

    void stop() throws InterruptedException {
        daemon.stopAndWait();
    }

    String url() {
        return "git://127.0.0.1:" + port + "/repo.git";
    }

    void dropNextFetches(int n) {
        fetchesToDrop.set(n);
    }

    int dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (daemon != null && daemon.isRunning()) {
            stop();
        }
    }

    private final class DroppingHook implements PreUploadHook {
        @Override
        public void onBeginNegotiateRound(UploadPack up, Collection<? extends ObjectId> wants, int cntOffered) {
        }

        @Override
        public void onEndNegotiateRound(UploadPack up, Collection<? extends ObjectId> wants, int cntCommon, int cntNotFound,
                boolean ready) {
        }

        @Override
        public void onSendPack(UploadPack up, Collection<? extends ObjectId> wants, Collection<? extends ObjectId> haves)
                throws ServiceMayNotContinueException {
            if (fetchesToDrop.getAndDecrement() > 0) {
                dropped.incrementAndGet();
                throw new ServiceMayNotContinueException("server going away");
            }
        }
    }
}
