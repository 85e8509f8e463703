package dev.stackagent.desired;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of one config-repo revision, by repo-relative path ('/' separated), and the paths that
 * are symlinks (never followed, never read: a stack holding one is rejected).
 */
public record RepoFiles(SortedMap<String, byte[]> files, SortedSet<String> symlinks) {
    public RepoFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        symlinks = Collections.unmodifiableSortedSet(new TreeSet<>(symlinks));
    }

    /** Files without symlinks. */
    public static RepoFiles of(SortedMap<String, byte[]> files) {
        return new RepoFiles(files, new TreeSet<>());
    }
}
