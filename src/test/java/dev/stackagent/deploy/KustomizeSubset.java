package dev.stackagent.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.zjsonpatch.JsonPatch;

/**
 * The part of Kustomize that {@code deploy/} uses, so the manifests render without {@code kubectl}:
 * {@code resources} (files and directories), {@code patches} (inline RFC 6902 with a target),
 * {@code namespace}, {@code labels} (metadata only) and {@code images}. Anything else in a
 * kustomization.yaml fails the render, so a new feature cannot be silently ignored.
 * {@link KustomizeTest} checks that it agrees with {@code kubectl kustomize} where that is installed.
 */
final class KustomizeSubset {
    static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "namespace", "labels", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PriorityClass", "StorageClass", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration");

    private KustomizeSubset() {
    }

    static List<ObjectNode> render(Path dir) {
        JsonNode k = read(dir.resolve("kustomization.yaml")).get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + field + "' is outside the supported subset");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
            } else {
                read(p).forEach(n -> objects.add((ObjectNode) n));
            }
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode ops = parse(patch.path("patch").asText()).get(0);
            JsonNode target = patch.path("target");
            boolean matched = false;
            for (int i = 0; i < objects.size(); i++) {
                if (matches(target, objects.get(i))) {
                    objects.set(i, (ObjectNode) JsonPatch.apply(ops, objects.get(i)));
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException(dir + ": patch target " + target + " matches nothing");
            }
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", ns));
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean() || l.path("includeTemplates").asBoolean()) {
                throw new IllegalArgumentException(dir + ": labels with includeSelectors/includeTemplates are outside the subset");
            }
            for (ObjectNode o : objects) {
                ObjectNode meta = (ObjectNode) o.get("metadata");
                ObjectNode labels = meta.has("labels") ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
                l.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            }
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> setImage(o, image));
        }
        return objects;
    }

    private static boolean matches(JsonNode target, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(o.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(o.path("metadata").path("name").asText()));
    }

    private static void setImage(ObjectNode o, JsonNode image) {
        JsonNode pod = o.path("spec").path("template").path("spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : pod.path(list)) {
                String current = c.path("image").asText();
                String name = current.replaceAll("[:@].*$", "");
                if (name.equals(image.path("name").asText())) {
                    String newName = image.path("newName").asText(name);
                    String tag = image.has("newTag") ? ":" + image.get("newTag").asText() : "";
                    ((ObjectNode) c).put("image", newName + tag);
                }
            }
        }
    }

    static List<JsonNode> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> parse(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(n -> {
                if (n != null && !n.isNull() && !(n.isObject() && n.isEmpty())) docs.add(n);
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
