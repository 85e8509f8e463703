package dev.stackagent.health.preflight;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Secrets a desired object refers to, found by walking the whole object (pure): every
 * {@code secretKeyRef.name} and {@code secretRef.name} (env, envFrom), {@code imagePullSecrets[].name}
 * and volume {@code secret.secretName}. References marked {@code optional: true} are left out.
 */
public final class SecretReferences {

    private SecretReferences() {
    }

    public static Set<SecretRef> in(JsonNode object) {
        String namespace = object.path("metadata").path("namespace").asText("default");
        Set<String> names = new TreeSet<>();
        walk(object, names);
        Set<SecretRef> refs = new TreeSet<>();
        names.forEach(n -> refs.add(new SecretRef(namespace, n)));
        return refs;
    }

    private static void walk(JsonNode node, Set<String> names) {
        if (node.isArray()) {
            node.forEach(child -> walk(child, names));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "secretKeyRef", "secretRef" -> add(value, "name", names);
                case "secret" -> add(value, "secretName", names);
                case "imagePullSecrets" -> value.forEach(item -> add(item, "name", names));
                default -> {
                }
            }
            walk(value, names);
        }
    }

    private static void add(JsonNode ref, String field, Set<String> names) {
        String name = ref.path(field).asText("");
        if (!name.isEmpty() && !ref.path("optional").asBoolean(false)) {
            names.add(name);
        }
    }
}
