package dev.stackagent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every file of one commit, read from the object database: paths relative to the repository root
 * with {@code /} separators, sorted. Symbolic links are not files here: only their paths are kept
 * ({@link #symlinks()}), never their targets. Immutable; byte arrays are copied in and out.
 */
public final class RepoSnapshot {

    private final String revision;
    private final NavigableMap<String, byte[]> files;
    private final long totalBytes;
    private final SortedSet<String> symlinks;

    /** Creates a snapshot without symlinks; the contents are copied. */
    public RepoSnapshot(String revision, Map<String, byte[]> files) {
        this(revision, files, Set.of());
    }

    /** Creates a snapshot; the contents are copied; {@code symlinks} are the paths of the commit's symbolic links. */
    public RepoSnapshot(String revision, Map<String, byte[]> files, Set<String> symlinks) {
        this.symlinks = Collections.unmodifiableSortedSet(new TreeSet<>(symlinks));
        this.revision = Objects.requireNonNull(revision);
        TreeMap<String, byte[]> copy = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            copy.put(e.getKey(), e.getValue().clone());
            total += e.getValue().length;
        }
        this.files = Collections.unmodifiableNavigableMap(copy);
        this.totalBytes = total;
    }

    /** The commit SHA. */
    public String revision() {
        return revision;
    }

    /** All file paths, sorted. */
    public SortedSet<String> paths() {
        return files.navigableKeySet();
    }

    /**
     * Paths of the commit's symbolic links (to files or directories), sorted. Their targets are not
     * read, and a symlink is not one of {@link #paths()}.
     */
    public SortedSet<String> symlinks() {
        return symlinks;
    }

    /** The file's bytes (a copy), or empty if the commit has no such file. */
    public Optional<byte[]> bytes(String path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    /** The file decoded as UTF-8, or empty if the commit has no such file. */
    public Optional<String> text(String path) {
        return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Sum of all file sizes in bytes. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Writes every file under {@code dir} (created if missing), for readers that take a directory
     * such as {@code validate DIR}.
     */
    public void writeTo(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path target = root.resolve(e.getKey()).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("path escapes the target directory: " + e.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }

    @Override
    public String toString() {
        return "RepoSnapshot[revision=" + revision + ", files=" + files.size() + ", bytes=" + totalBytes + ", symlinks=" + symlinks.size() + "]";
    }
}
