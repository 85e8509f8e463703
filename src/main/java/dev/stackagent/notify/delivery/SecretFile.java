package dev.stackagent.notify.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret (a token, a webhook URL) from a mounted file when used; errors name the file, never the content. */
public final class SecretFile {
    private SecretFile() {
    }

    public static String read(String file) throws IOException {
        if (file == null || file.isBlank()) {
            throw new IOException("no secret file configured");
        }
        String value;
        try {
            value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (value.isEmpty()) {
            throw new IOException("secret file " + file + " is empty");
        }
        return value;
    }
}
