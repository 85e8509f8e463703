package dev.stackagent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.jboss.logging.Logger;

import dev.stackagent.source.GitSourceException.Reason;

/**
 * The configuration repository as the agent sees it: a cheap "did the ref move?" check, an
 * incremental fetch into a local bare clone, and snapshots of a revision's files.
 *
 * <p>The clone lives in {@code cache-dir/<hash of the URL>} and is reused after a restart. A failed
 * fetch never removes what is already there, so the last fetched revision stays readable with
 * {@link #snapshot(String)} while the server is unreachable. Methods are synchronized: a scheduled
 * poll and a webhook may call them concurrently. Failures are {@link GitSourceException}s.
 */
public final class GitSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GitSource.class);
    private static final RefSpec ALL_BRANCHES = new RefSpec("+refs/heads/*:refs/remotes/origin/*");
    private static final RefSpec ALL_TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    private final GitSettings settings;
    private final TransportSetup transport;
    private Repository repository;
    private String lastRevision;

    /** Creates a source; nothing touches the network or the disk until the first call. */
    public GitSource(GitSettings settings) {
        this.settings = settings;
        this.transport = new TransportSetup(settings);
    }

    /** The settings this source was created with. */
    public GitSettings settings() {
        return settings;
    }

    /**
     * The commit the configured ref points at on the server, from one {@code ls-remote}; no objects
     * are downloaded. For a pinned commit, the commit itself without any network call. Empty when the
     * branch or tag does not exist on the server.
     */
    public synchronized Optional<String> remoteRevision() {
        if (settings.ref() instanceof GitRef.Commit commit) {
            return Optional.of(commit.sha());
        }
        String refName = settings.ref().remoteRefName();
        try {
            Map<String, Ref> refs = transport.configure(Git.lsRemoteRepository()
                    .setRemote(settings.url())
                    .setHeads(settings.ref() instanceof GitRef.Branch)
                    .setTags(settings.ref() instanceof GitRef.Tag))
                    .callAsMap();
            return Optional.ofNullable(refs.get(refName)).map(GitSource::peeled);
        } catch (Exception e) {
            throw failure(e, "ls-remote");
        }
    }

    /**
     * Brings the local clone up to date with the configured ref: clones on first use, fetches only
     * when the remote ref moved away from the cached revision, and for a pinned commit only when the
     * commit is not cached yet.
     *
     * @throws GitSourceException with {@link Reason#NOT_FOUND} when the ref or commit does not exist,
     *     or another reason when the server cannot be used; the cache is left as it was
     */
    public synchronized FetchResult fetch() {
        long start = System.nanoTime();
        Repository repo = openCache();
        boolean downloaded = false;
        String revision;
        try {
            if (settings.ref() instanceof GitRef.Commit commit) {
                if (localCommit(repo, commit.sha()).isEmpty()) {
                    download(repo, List.of(ALL_BRANCHES, ALL_TAGS));
                    downloaded = true;
                }
                revision = localCommit(repo, commit.sha()).orElseThrow(() -> new GitSourceException(
                        Reason.NOT_FOUND, "commit " + commit.sha() + " is not reachable from any branch or tag of "
                                + settings.redactedUrl()));
            } else {
                String remote = remoteRevision().orElseThrow(() -> new GitSourceException(Reason.NOT_FOUND,
                        settings.ref().describe() + " does not exist in " + settings.redactedUrl()));
                if (!localRevision(repo).equals(Optional.of(remote))) {
                    String ref = settings.ref().remoteRefName();
                    download(repo, List.of(new RefSpec("+" + ref + ":" + settings.ref().localRefName())));
                    downloaded = true;
                }
                revision = localRevision(repo).orElseThrow(() -> new GitSourceException(Reason.NOT_FOUND,
                        settings.ref().describe() + " was not fetched from " + settings.redactedUrl()));
            }
        } catch (GitSourceException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e, "fetch");
        }
        boolean changed = !revision.equals(lastRevision);
        lastRevision = revision;
        LOG.debugf("git fetch %s %s: revision=%s changed=%s downloaded=%s in %d ms", settings.redactedUrl(),
                settings.ref().describe(), revision, changed, downloaded, (System.nanoTime() - start) / 1_000_000);
        return new FetchResult(revision, changed, downloaded);
    }

    /**
     * The revision of the configured ref in the local cache, without any network call; after a
     * restart this is the revision fetched before it. Empty if nothing was fetched yet.
     */
    public synchronized Optional<String> cachedRevision() {
        try {
            Repository repo = openCache();
            if (settings.ref() instanceof GitRef.Commit commit) {
                return localCommit(repo, commit.sha());
            }
            return localRevision(repo);
        } catch (IOException e) {
            throw failure(e, "read cache");
        }
    }

    /**
     * Every file of {@code revision}, read from the local cache (works while the server is down).
     *
     * @throws GitSourceException {@link Reason#NOT_FOUND} if the commit is not cached,
     *     {@link Reason#TOO_LARGE} if the files exceed {@code max-snapshot-size}
     */
    public synchronized RepoSnapshot snapshot(String revision) {
        try {
            return CommitReader.read(openCache(), revision, settings.maxSnapshotBytes(), settings.redactedUrl());
        } catch (GitSourceException e) {
            throw e;
        } catch (Exception e) {
            throw failure(e, "snapshot");
        }
    }

    /** The directory of the local bare clone. */
    public Path cacheRepositoryDir() {
        return settings.cacheDir().resolve(urlKey(settings.redactedUrl()));
    }

    @Override
    public synchronized void close() {
        transport.close();
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }

    @Override
    public String toString() {
        return "GitSource[" + settings.redactedUrl() + ", " + settings.ref().describe() + "]";
    }

    private void download(Repository repo, List<RefSpec> refSpecs) throws Exception {
        transport.configure(Git.wrap(repo).fetch()
                .setRemote(settings.url())
                .setRefSpecs(refSpecs)
                .setTagOpt(TagOpt.NO_TAGS))
                .call();
    }

    private Optional<String> localRevision(Repository repo) throws IOException {
        ObjectId id = repo.resolve(settings.ref().localRefName() + "^{commit}");
        return Optional.ofNullable(id).map(ObjectId::name);
    }

    private static Optional<String> localCommit(Repository repo, String sha) throws IOException {
        ObjectId id = ObjectId.fromString(sha);
        if (!repo.getObjectDatabase().has(id)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return Optional.of(walk.parseCommit(id).name());
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException notACommit) {
            return Optional.empty();
        }
    }

    private Repository openCache() {
        if (repository != null) {
            return repository;
        }
        Path dir = cacheRepositoryDir();
        try {
            if (Files.isDirectory(dir.resolve("objects"))) {
                repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
                LOG.debugf("reusing git cache %s for %s", dir, settings.redactedUrl());
            } else {
                Files.createDirectories(dir);
                repository = Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
            }
            return repository;
        } catch (Exception e) {
            throw new GitSourceException(Reason.LOCAL, "cannot open git cache " + dir + " for "
                    + settings.redactedUrl() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private GitSourceException failure(Exception e, String operation) {
        return FailureClassifier.classify(e, transport.hostKeyRefusal(), operation, settings,
                settings.https().secretsToMask());
    }

    private static String peeled(Ref ref) {
        ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        return id.name();
    }

    private static String urlKey(String redactedUrl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(redactedUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
