package dev.stackagent.triggers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where one webhook secret comes from: a file, read each time it is needed (so a rotated Kubernetes
 * Secret takes effect without a restart), or a fixed value. Its value is never logged or printed.
 */
public final class SecretSource {
    private static final SecretSource NONE = new SecretSource(Optional.empty(), Optional.empty());

    private final Optional<Path> file;
    private final Optional<String> value;

    public SecretSource(Optional<Path> file, Optional<String> value) {
        this.file = file;
        this.value = value.filter(v -> !v.isEmpty());
    }

    public static SecretSource none() {
        return NONE;
    }

    public boolean configured() {
        return file.isPresent() || value.isPresent();
    }

    /**
     * The secret's bytes, or empty when none is configured.
     *
     * @throws UncheckedIOException when the file cannot be read (the message names the file only)
     */
    public Optional<byte[]> read() {
        if (file.isPresent()) {
            try {
                byte[] bytes = Files.readAllBytes(file.get());
                int end = bytes.length;
                while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) end--;
                return end == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(bytes, end));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read secret file " + file.get(), e);
            }
        }
        return value.map(v -> v.getBytes(StandardCharsets.UTF_8));
    }

    /** Describes where the secret comes from, never the secret. */
    @Override
    public String toString() {
        return file.map(f -> "file " + f).orElse(value.isPresent() ? "configured value" : "none");
    }
}
