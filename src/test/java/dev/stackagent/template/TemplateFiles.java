package dev.stackagent.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Where the template, the docs and the shared CRDs are, seen from the project directory (tests run there). */
public final class TemplateFiles {
    public static final String SHARED_DIR_PROPERTY = "stack-agent.shared-dir";
    public static final String STACK = "qwen2-3b-pattern1";
    public static final String NAMESPACE = "llm-d-inference-scheduling";

    public static final ObjectMapper YAML = new YAMLMapper();

    private TemplateFiles() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    public static Path stackDir() {
        return projectDir().resolve("config-repo-template/stacks/" + STACK);
    }

    public static Path manifest(String relative) {
        return stackDir().resolve("manifests").resolve(relative);
    }

    public static Path stackSchema() {
        return projectDir().resolve("docs/stack.schema.json");
    }

    /**
     * The shared directory (CRDs, seed facts): {@code ../shared} beside the worktree (works from
     * /work/main and /work/wt-*), else the system property {@value #SHARED_DIR_PROPERTY}.
     */
    public static Optional<Path> sharedDir() {
        Path sibling = projectDir().resolve("..").resolve("shared").normalize();
        if (Files.isDirectory(sibling.resolve("crds"))) {
            return Optional.of(sibling);
        }
        String property = System.getProperty(SHARED_DIR_PROPERTY);
        if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property).resolve("crds"))) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        return Optional.empty();
    }

    /** Every document of a plain multi-document YAML file, empty documents left out. */
    public static List<JsonNode> readDocuments(Path file) {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return it.readAll().stream().filter(n -> n != null && !n.isNull() && !n.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single object of a one-document YAML file, as a mutable copy. */
    public static ObjectNode readObject(Path file) {
        List<JsonNode> docs = readDocuments(file);
        if (docs.size() != 1 || !docs.get(0).isObject()) {
            throw new IllegalStateException(file + ": expected exactly one YAML object, found " + docs.size() + " documents");
        }
        return ((ObjectNode) docs.get(0)).deepCopy();
    }
}
