package dev.stackagent.schema;

import java.util.List;
import java.util.Optional;

/**
 * Where the schema of a kind comes from: the Kubernetes model for built-in kinds, CRD files
 * ({@code --schemas DIR}), or the CRDs of a cluster. Sources are asked in order; the first that
 * knows the kind answers.
 */
@FunctionalInterface
public interface SchemaSource {
    /** The schema of {@code kind} at {@code apiVersion} ({@code group/version}, or {@code v1} for the core group). */
    Optional<Schema> find(String apiVersion, String kind);

    /** Every schema known for the kind and version (several CRD files may define it); the object must match one. */
    default List<Schema> findAll(String apiVersion, String kind) {
        return find(apiVersion, kind).map(List::of).orElse(List.of());
    }

    /** The first of {@code sources} that knows the kind. */
    static SchemaSource firstOf(List<SchemaSource> sources) {
        List<SchemaSource> copy = List.copyOf(sources);
        return new SchemaSource() {
            @Override
            public Optional<Schema> find(String apiVersion, String kind) {
                return findAll(apiVersion, kind).stream().findFirst();
            }

            @Override
            public List<Schema> findAll(String apiVersion, String kind) {
                for (SchemaSource s : copy) {
                    List<Schema> found = s.findAll(apiVersion, kind);
                    if (!found.isEmpty()) return found;
                }
                return List.of();
            }
        };
    }
}
