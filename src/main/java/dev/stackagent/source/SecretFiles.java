package dev.stackagent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret from a mounted file at the moment it is used, so a rotated Secret takes effect. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** The file's content without trailing line breaks; never includes the content in an error. */
    static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException | RuntimeException e) {
            throw new GitSourceException(GitSourceException.Reason.CONFIG,
                    "cannot read " + what + " from " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
