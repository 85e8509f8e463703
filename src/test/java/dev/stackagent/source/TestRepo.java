package dev.stackagent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** A non-bare Git repository on disk that tests commit files to, as a user would push them. */
public final class TestRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static TestRepo create(Path dir) throws Exception {
        return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    public Repository repository() {
        return git.getRepository();
    }

    /** Writes (or, for a null content, deletes) the files and commits them; returns the commit SHA. */
    public String commit(Map<String, String> files, String message) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (e.getValue() == null) {
                Files.deleteIfExists(file);
                git.rm().addFilepattern(e.getKey()).call();
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(e.getKey()).call();
            }
        }
        RevCommit commit = git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").setSign(false).call();
        return commit.name();
    }

    /** Commits a symbolic link at {@code path} pointing at {@code target} (which need not exist); returns the SHA. */
    public String commitSymlink(String path, String target, String message) throws Exception {
        Path link = dir.resolve(path);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(target));
        git.add().addFilepattern(path).call();
        RevCommit commit = git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                .setCommitter("Test", "test@example.com").setSign(false).call();
        return commit.name();
    }

    void lightweightTag(String name, String sha) throws Exception {
        git.tag().setName(name).setAnnotated(false).setObjectId(parse(sha)).setForceUpdate(true).call();
    }

    void annotatedTag(String name, String sha) throws Exception {
        git.tag().setName(name).setAnnotated(true).setMessage("release " + name).setSigned(false)
                .setTagger(new org.eclipse.jgit.lib.PersonIdent("Test", "test@example.com"))
                .setObjectId(parse(sha)).setForceUpdate(true).call();
    }

    private org.eclipse.jgit.revwalk.RevObject parse(String sha) throws IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repository())) {
            return walk.parseAny(org.eclipse.jgit.lib.ObjectId.fromString(sha));
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
