package dev.stackagent.schema;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectCheck;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.yaml.YamlPaths;

/**
 * Checks every manifest object against its schema as the API server would: built-in kinds against
 * the Kubernetes model ({@link ModelSchemas}), custom resources against their CRD (from
 * {@code --schemas DIR} or the cluster). Each problem is an error at the line of its field; a
 * custom resource whose CRD is not known is a warning, "not schema-checked", reported once per kind.
 */
public final class SchemaCheck implements ObjectCheck {
    static final String NOT_CHECKED = "not schema-checked: no CRD schema for this kind and version"
            + " (give --schemas DIR with its CRD, or check against a cluster)";
    private final SchemaSource customResources;
    private final ModelSchemas model;
    private volatile FileLines last = new FileLines(new WeakReference<>(null), Map.of());

    private record FileLines(WeakReference<byte[]> content, Map<Integer, Map<String, Integer>> documents) {
    }

    public SchemaCheck(SchemaSource customResources) {
        this(customResources, ModelSchemas.shared());
    }

    SchemaCheck(SchemaSource customResources, ModelSchemas model) {
        this.customResources = customResources;
        this.model = model;
    }

    /** Built-in kinds only: every custom resource is reported as not schema-checked. */
    public static SchemaCheck builtInOnly() {
        return new SchemaCheck((apiVersion, kind) -> Optional.empty());
    }

    @Override
    public void check(DesiredObject object, byte[] file, List<ValidationError> errors, List<ValidationError> warnings) {
        String apiVersion = object.ref().apiVersion();
        String kind = object.ref().kind();
        String label = object.ref().toString();
        boolean builtIn = ModelSchemas.isBuiltInGroup(apiVersion);
        List<Schema> schemas = builtIn ? model.findAll(apiVersion, kind) : customResources.findAll(apiVersion, kind);
        if (schemas.isEmpty()) {
            String message = builtIn ? "not schema-checked: " + kind + " is not a kind of " + apiVersion + " the agent knows"
                    : NOT_CHECKED;
            warnings.add(new ValidationError(object.file(), object.line(), kind + " (" + apiVersion + ")", "", message));
            return;
        }
        List<SchemaProblem> problems = null;
        for (Schema schema : schemas) {
            List<SchemaProblem> found = problems(object.body(), schema, builtIn);
            if (problems == null || found.size() < problems.size()) problems = found;
            if (found.isEmpty()) return;
        }
        Map<String, Integer> lines = lines(file).getOrDefault(object.line(), Map.of());
        String against = schemas.size() == 1 ? "" : " (matches none of " + schemas.size() + " schemas: "
                + String.join(", ", schemas.stream().map(Schema::origin).toList()) + ")";
        problems.stream().sorted(Comparator.comparing(p -> YamlPaths.lineOf(lines, p.path(), object.line()))).forEach(p -> errors.add(
                new ValidationError(object.file(), YamlPaths.lineOf(lines, p.path(), object.line()), label, p.path(), p.message() + against)));
    }

    private List<SchemaProblem> problems(ObjectNode body, Schema schema, boolean builtIn) {
        if (builtIn) {
            return SchemaWalker.check(body, schema.root(), "", schema.refs());
        }
        List<SchemaProblem> out = new ArrayList<>();
        if (body.has("metadata")) {
            Schema meta = model.objectMeta();
            out.addAll(SchemaWalker.check(body.get("metadata"), meta.root(), "metadata", meta.refs()));
        }
        out.addAll(SchemaWalker.check(body, schema.root(), "", schema.refs()));
        return out;
    }

    private Map<Integer, Map<String, Integer>> lines(byte[] file) {
        FileLines cached = last;
        if (file == null) return Map.of();
        if (cached.content().get() == file) return cached.documents();
        Map<Integer, Map<String, Integer>> documents = YamlPaths.documents(file);
        last = new FileLines(new WeakReference<>(file), documents);
        return documents;
    }
}
