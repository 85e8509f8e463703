package dev.stackagent.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The OpenAPI schemas of the built-in Kubernetes kinds, derived from the fabric8 Kubernetes model
 * the agent already ships (the model's classes are generated from the Kubernetes OpenAPI document):
 * every class becomes an object schema whose properties are its Jackson properties, with
 * {@code $ref} to the classes it uses. The model accepts any field (it keeps unknown ones in
 * {@code additionalProperties}); these schemas do not, as the API server prunes them.
 *
 * <p>What the model does not carry is not checked: required fields, enums (the model types them
 * as strings), formats and lengths. Only the API groups the Kubernetes API server serves itself are
 * looked up here; custom resources are checked against their CRD.
 */
public final class ModelSchemas implements SchemaSource {
    /** The API groups kube-apiserver serves itself ("" is the core group). */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "node.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "certificates.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "resource.k8s.io", "apiregistration.k8s.io", "storagemigration.k8s.io");
    private static final String SERVICES = "META-INF/services/" + KubernetesResource.class.getName();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile ModelSchemas shared;

    private final Map<String, Class<?>> kinds;
    private final Map<String, JsonNode> definitions = new ConcurrentHashMap<>();

    private ModelSchemas(Map<String, Class<?>> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    /** The schemas of the model on the class path (read once, then shared). */
    public static ModelSchemas shared() {
        ModelSchemas s = shared;
        if (s == null) {
            synchronized (ModelSchemas.class) {
                if (shared == null) shared = new ModelSchemas(scan());
                s = shared;
            }
        }
        return s;
    }

    /** True for an API group the API server serves itself (its kinds are never custom resources). */
    public static boolean isBuiltInGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return BUILT_IN_GROUPS.contains(slash < 0 ? "" : apiVersion.substring(0, slash));
    }

    @Override
    public Optional<Schema> find(String apiVersion, String kind) {
        if (!isBuiltInGroup(apiVersion)) {
            return Optional.empty();
        }
        Class<?> type = kinds.get(apiVersion + "/" + kind);
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new Schema(ref(type), this::definition, "the Kubernetes model (fabric8) for " + apiVersion));
    }

    /** The schema of {@code metadata} (ObjectMeta), which every object shares. */
    Schema objectMeta() {
        return new Schema(ref(ObjectMeta.class), this::definition, "the Kubernetes model (fabric8) ObjectMeta");
    }

    /** The schema of a model class, by its name (the target of a {@code $ref}). */
    JsonNode definition(String className) {
        JsonNode known = definitions.get(className);
        if (known != null) return known;
        try {
            JsonNode made = objectSchema(Class.forName(className, false, ModelSchemas.class.getClassLoader()));
            definitions.put(className, made);
            return made;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static ObjectNode ref(Class<?> type) {
        return JsonNodeFactory.instance.objectNode().put("$ref", type.getName());
    }

    private static JsonNode objectSchema(Class<?> type) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        BeanDescription bean = MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type));
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.hasSetter() || p.hasField() || p.hasConstructorParameter()) {
                properties.set(p.getName(), schemaOf(p.getPrimaryType()));
            }
        }
        return schema;
    }

    static JsonNode schemaOf(JavaType type) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class || raw == byte[].class || raw.isEnum()) {
            return s.put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class || raw == short.class) {
            return s.put("type", "integer");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
            return s.put("type", "number");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return s.put("type", "boolean");
        }
        if (raw == IntOrString.class) {
            return s.put("x-kubernetes-int-or-string", true);
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            s.put("type", "array");
            s.set("items", schemaOf(type.getContentType()));
            return s;
        }
        if (type.isMapLikeType()) {
            s.put("type", "object");
            s.set("additionalProperties", schemaOf(type.getContentType()));
            return s;
        }
        if (raw.getName().startsWith("io.fabric8.kubernetes.api.model.") && !raw.isInterface() && hasOwnProperties(raw)) {
            return ref(raw);
        }
        // Object, JsonNode, Quantity, Time, interfaces (embedded objects of any kind): not checked
        return s;
    }

    /**
     * A model class read as a value (Quantity, MicroTime, Duration, AnyType: a scalar or anything on
     * the wire) has its own (de)serializer or a {@code @JsonCreator}; the generated POJOs have neither.
     */
    private static boolean hasOwnProperties(Class<?> raw) {
        JsonDeserialize d = raw.getAnnotation(JsonDeserialize.class);
        JsonSerialize s = raw.getAnnotation(JsonSerialize.class);
        if ((d != null && d.using() != JsonDeserializer.None.class) || (s != null && s.using() != JsonSerializer.None.class)) {
            return false;
        }
        for (var c : raw.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(JsonCreator.class)) return false;
        }
        for (var m : raw.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonCreator.class)) return false;
        }
        return true;
    }

    private static Map<String, Class<?>> scan() {
        Map<String, Class<?>> out = new HashMap<>();
        ClassLoader loader = ModelSchemas.class.getClassLoader();
        try {
            Enumeration<URL> files = loader.getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line : (Iterable<String>) r.lines()::iterator) {
                        add(out, line.trim(), loader);
                    }
                }
            }
        } catch (IOException e) {
            // no model on the class path: built-in kinds are then reported as not schema-checked
        }
        return out;
    }

    private static void add(Map<String, Class<?>> out, String name, ClassLoader loader) {
        if (name.isEmpty() || name.startsWith("#")) return;
        try {
            Class<?> c = Class.forName(name, false, loader);
            if (HasMetadata.class.isAssignableFrom(c) && !Collection.class.isAssignableFrom(c)) {
                out.putIfAbsent(HasMetadata.getApiVersion(c) + "/" + HasMetadata.getKind(c), c);
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // a class listed but not loadable: skipped
        }
    }
}
