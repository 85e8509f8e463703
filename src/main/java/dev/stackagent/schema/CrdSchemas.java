package dev.stackagent.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code openAPIV3Schema} of every version of every {@code CustomResourceDefinition} given,
 * by {@code group/version} and kind: from CRD files ({@code --schemas DIR}, read recursively,
 * several documents per file) or from the CRDs of a cluster ({@link ClusterSchemaSource}).
 * When two CRDs define the same kind and version (say two releases of KServe in one directory),
 * both are kept and an object matching either is accepted.
 */
public final class CrdSchemas implements SchemaSource {
    /** CRD files are large (KServe's are 1 to 2 MB); the limit only guards against a runaway file. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(loaderOptions()).build());

    private final Map<String, List<Schema>> byKind;

    private CrdSchemas(Map<String, List<Schema>> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    /** Every CRD in the {@code .yaml}, {@code .yml} and {@code .json} files under {@code dir}; other documents are skipped. */
    public static CrdSchemas fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        Map<String, List<Schema>> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : files) {
            String origin = dir.relativize(file).toString().replace('\\', '/');
            try (JsonParser parser = YAML.getFactory().createParser(file.toFile());
                    MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(parser)) {
                while (docs.hasNextValue()) {
                    add(out, docs.nextValue(), origin);
                }
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read CRD file " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return new CrdSchemas(out);
    }

    /** The schemas of CRDs given as trees ({@code apiextensions.k8s.io/v1}), e.g. read from a cluster. */
    public static CrdSchemas fromCrds(List<JsonNode> crds, String origin) {
        Map<String, List<Schema>> out = new LinkedHashMap<>();
        crds.forEach(crd -> add(out, crd, origin));
        return new CrdSchemas(out);
    }

    /** How many kind/version pairs have a schema. */
    public int size() {
        return byKind.size();
    }

    @Override
    public Optional<Schema> find(String apiVersion, String kind) {
        return findAll(apiVersion, kind).stream().findFirst();
    }

    @Override
    public List<Schema> findAll(String apiVersion, String kind) {
        return byKind.getOrDefault(apiVersion + "/" + kind, List.of());
    }

    private static void add(Map<String, List<Schema>> out, JsonNode doc, String origin) {
        if (doc == null || !doc.isObject() || !"CustomResourceDefinition".equals(doc.path("kind").asText())) {
            return;
        }
        JsonNode spec = doc.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        String name = doc.path("metadata").path("name").asText();
        for (JsonNode version : spec.path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            if (!schema.isObject()) {
                continue;
            }
            ObjectNode root = ((ObjectNode) schema).deepCopy();
            // apiVersion, kind and metadata are the API server's at the root: always allowed, metadata checked as ObjectMeta
            root.put("x-kubernetes-embedded-resource", true);
            String v = version.path("name").asText();
            out.computeIfAbsent(group + "/" + v + "/" + kind, k -> new ArrayList<>())
                    .add(Schema.of(root, "CRD " + name + " " + v + " (" + origin + ")"));
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }
}
