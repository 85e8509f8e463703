package dev.stackagent.source;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import dev.stackagent.source.GitSourceException.Reason;

/**
 * Reads the files of a commit straight from the object database with a {@link TreeWalk}; no
 * working tree is checked out. Regular and executable files are read; the paths of symlinks are
 * recorded but their blobs (the link targets) are never read; submodules are skipped.
 */
final class CommitReader {

    private CommitReader() {
    }

    /** Reads {@code revision}; {@link Reason#TOO_LARGE} if the files exceed {@code maxBytes} in total. */
    static RepoSnapshot read(Repository repository, String revision, long maxBytes, String where)
            throws IOException {
        ObjectId commitId = parseId(revision, where);
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                TreeWalk tree = new TreeWalk(reader)) {
            RevCommit commit = parseCommit(walk, commitId, where);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            Map<String, byte[]> files = new LinkedHashMap<>();
            SortedSet<String> symlinks = new TreeSet<>();
            long total = 0;
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    symlinks.add(tree.getPathString());
                    continue;
                }
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                ObjectLoader loader = reader.open(tree.getObjectId(0));
                total += loader.getSize();
                if (total > maxBytes) {
                    throw new GitSourceException(Reason.TOO_LARGE, "files of " + where + " at " + revision
                            + " exceed max-snapshot-size of " + maxBytes + " bytes (at " + tree.getPathString() + ")");
                }
                files.put(tree.getPathString(), loader.getBytes());
            }
            return new RepoSnapshot(commit.name(), files, symlinks);
        }
    }

    private static ObjectId parseId(String revision, String where) {
        try {
            return ObjectId.fromString(revision);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new GitSourceException(Reason.NOT_FOUND, "'" + revision + "' is not a commit SHA (" + where + ")");
        }
    }

    private static RevCommit parseCommit(RevWalk walk, ObjectId id, String where) throws IOException {
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw new GitSourceException(Reason.NOT_FOUND,
                    "commit " + id.name() + " is not in the local cache of " + where);
        }
    }
}
