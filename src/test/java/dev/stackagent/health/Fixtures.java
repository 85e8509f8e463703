package dev.stackagent.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads the live-object fixtures under {@code src/test/resources/health/}. */
final class Fixtures {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Fixtures() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/health/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
