package dev.stackagent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.stackagent.schema.CrdSchemas;
import dev.stackagent.schema.SchemaCheck;
import dev.stackagent.schema.SchemaSource;
import picocli.CommandLine.Option;

/**
 * {@code --schemas DIR} (repeatable): the CRD files custom resources are checked against offline.
 * Shared by {@code validate} and {@code plan}.
 */
public class SchemasOption {
    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Directory of CustomResourceDefinition YAML files (read recursively, several documents per file) that custom "
                    + "resources are checked against. Repeatable. Built-in kinds are always checked; a custom resource without a "
                    + "schema is reported as not schema-checked.")
    List<Path> dirs = new ArrayList<>();

    /** The schema check of these directories, before {@code more} (e.g. the cluster's CRDs). */
    public SchemaCheck check(SchemaSource... more) throws IOException {
        List<SchemaSource> sources = new ArrayList<>();
        for (Path dir : dirs) {
            sources.add(CrdSchemas.fromDirectory(dir));
        }
        sources.addAll(List.of(more));
        return new SchemaCheck(SchemaSource.firstOf(sources));
    }
}
