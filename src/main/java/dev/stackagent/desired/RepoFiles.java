package dev.stackagent.desired;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of one config-repo revision as the loader sees them: regular files with their contents,
 * and the paths of symbolic links, which are never followed nor read (a link may point outside the
 * repository, e.g. at {@code /etc/passwd}). Paths are repo-relative with {@code /} separators.
 * Both collections are sorted and unmodifiable; the byte arrays are not copied.
 *
 * @param files regular files: path to content
 * @param symlinks paths of symbolic links (to files or to directories), never their targets
 */
public record RepoFiles(SortedMap<String, byte[]> files, SortedSet<String> symlinks) {

    public RepoFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(files, "files")));
        symlinks = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(symlinks, "symlinks")));
    }

    /** Regular files only, no symlinks (in-memory repositories, tests). */
    public static RepoFiles of(SortedMap<String, byte[]> files) {
        return new RepoFiles(files, new TreeSet<>());
    }

    @Override
    public String toString() {
        return "RepoFiles[files=" + files.size() + ", symlinks=" + symlinks + "]";
    }
}
