package dev.stackagent.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/** A working copy whose commits are pushed to the git daemon's bare repository over {@code git://}. */
final class ConfigRepo implements AutoCloseable {
    private final Path dir;
    private final Git git;

    private ConfigRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static ConfigRepo create(Path dir, String remoteUrl) throws Exception {
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        git.remoteAdd().setName("origin").setUri(new URIish(remoteUrl)).call();
        return new ConfigRepo(dir, git);
    }

    /** Writes the files, commits and pushes to {@code main}; returns the commit SHA. */
    String commitAndPush(Map<String, String> files, String message) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(".").call();
        RevCommit commit = git.commit().setMessage(message).setAuthor("Bench", "bench@example.com")
                .setCommitter("Bench", "bench@example.com").setSign(false).call();
        for (PushResult result : git.push().setRemote("origin").add("main").call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new IllegalStateException("push refused: " + update.getStatus() + " " + update.getMessage());
                }
            }
        }
        return commit.name();
    }

    @Override
    public void close() {
        git.close();
    }
}
