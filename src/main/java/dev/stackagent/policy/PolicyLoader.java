package dev.stackagent.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.stackagent.yaml.YamlErrors;

/**
 * Reads the platform team's policy file. Strict: unknown fields, duplicate keys and wrong types are
 * errors naming the file, line and field; an absent file is an error too (a typo in the mount must
 * not silently fall back to the defaults).
 */
public final class PolicyLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final long MAX_BYTES = 1024 * 1024;

    private PolicyLoader() {
    }

    /** The policy in {@code file}, or {@link Policy#defaults()} when {@code file} is null. */
    public static Policy load(Path file) {
        if (file == null) {
            return Policy.defaults();
        }
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PolicyException(file + ": policy file larger than " + MAX_BYTES + " bytes");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException(file + ": policy file not found");
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot read policy file: " + e.getMessage());
        }
        return parse(file.toString(), content);
    }

    /**
     * Parses and checks a policy; {@code name} is used in messages. The policy may also be given as
     * the ConfigMap that ships it ({@code deploy/base/policy.yaml}): its {@value #CONFIG_MAP_KEY} entry is read; or as
     * rendered manifests ({@code kubectl kustomize deploy/overlays/gke > all.yaml}): the ConfigMap
     * {@value #CONFIG_MAP_NAME} among them is read.
     */
    public static Policy parse(String name, byte[] content) {
        Policy policy;
        try {
            byte[] document = unwrapConfigMap(name, content);
            policy = YAML.readValue(document, Policy.class);
        } catch (UnrecognizedPropertyException e) {
            // the parser sits on the unknown field's value: its line, not the one Jackson stopped at
            int line = YamlErrors.unknownFieldLine(e, content);
            throw new PolicyException(name + (line > 0 ? ":" + line : "") + ": " + where(e) + "unknown field '"
                    + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw new PolicyException(name + lineOf(e) + ": " + where(e) + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new PolicyException(name + lineOf(e) + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PolicyException(name + ": cannot read policy: " + e.getMessage());
        }
        if (policy == null) {
            throw new PolicyException(name + ": policy file is empty");
        }
        List<String> problems = problems(policy);
        if (!problems.isEmpty()) {
            throw new PolicyException(name + ": " + String.join("; ", problems));
        }
        return policy;
    }

    /** The key of the policy in the ConfigMap the agent mounts. */
    public static final String CONFIG_MAP_KEY = "policy.yaml";

    /** The ConfigMap's name in deploy/base, looked for in a file of several documents ({@code kubectl kustomize} output). */
    public static final String CONFIG_MAP_NAME = "stack-agent-policy";

    private static byte[] unwrapConfigMap(String name, byte[] content) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = YAML.readTree(content);
        List<com.fasterxml.jackson.databind.JsonNode> documents = new ArrayList<>();
        try (var it = YAML.readerFor(com.fasterxml.jackson.databind.JsonNode.class).<com.fasterxml.jackson.databind.JsonNode>readValues(content)) {
            while (it.hasNextValue()) {
                documents.add(it.nextValue());
            }
        }
        if (documents.size() > 1) { // rendered manifests: the policy's ConfigMap among them
            root = documents.stream().filter(d -> d != null && "ConfigMap".equals(d.path("kind").asText())
                    && CONFIG_MAP_NAME.equals(d.path("metadata").path("name").asText())).findFirst()
                    .orElseThrow(() -> new PolicyException(name + ": " + documents.size() + " YAML documents and no ConfigMap "
                            + CONFIG_MAP_NAME + " among them"));
        }
        if (root == null || !"ConfigMap".equals(root.path("kind").asText()) || !"v1".equals(root.path("apiVersion").asText())) {
            return content;
        }
        com.fasterxml.jackson.databind.JsonNode policy = root.path("data").path(CONFIG_MAP_KEY);
        if (!policy.isTextual()) {
            throw new PolicyException(name + ": a ConfigMap given as the policy must hold it under data." + CONFIG_MAP_KEY);
        }
        return policy.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> problems(Policy p) {
        List<String> out = new ArrayList<>();
        if (!Policy.API_VERSION.equals(p.apiVersion())) out.add("field apiVersion: must be " + Policy.API_VERSION);
        if (!Policy.KIND.equals(p.kind())) out.add("field kind: must be " + Policy.KIND);
        for (int i = 0; i < p.kinds().size(); i++) {
            Policy.GroupKind k = p.kinds().get(i);
            if (k == null || k.kind() == null || k.kind().isBlank()) out.add("field kinds[" + i + "].kind: is required");
            else if (k.kind().equals("Namespace")) out.add("field kinds[" + i + "]: Namespaces are declared under namespaces: of stack.yaml and governed by the policy's namespaces section");
        }
        nonEmpty(out, "namespaces.allowed", p.namespaces().allowed());
        nonEmpty(out, "namespaces.platform", p.namespaces().platform());
        nonEmpty(out, "namespaces.allowedKeys", p.namespaces().allowedKeys());
        for (int i = 0; i < p.secretCopies().allowed().size(); i++) {
            Policy.SecretSource s = p.secretCopies().allowed().get(i);
            if (s == null || s.namespace() == null || s.namespace().isBlank()) {
                out.add("field secretCopies.allowed[" + i + "].namespace: is required");
            }
        }
        nonEmpty(out, "nodePools.machineTypes", p.nodePools().machineTypes());
        nonEmpty(out, "nodePools.adoptable", p.nodePools().adoptable());
        positive(out, "nodePools.maxNodes", p.nodePools().maxNodes());
        positive(out, "nodePools.maxPoolsPerStack", p.nodePools().maxPoolsPerStack());
        positive(out, "nodePools.maxDiskSizeGb", p.nodePools().maxDiskSizeGb());
        positive(out, "verification.maxLoadRequests", p.verification().maxLoadRequests());
        positive(out, "verification.maxLoadConcurrency", p.verification().maxLoadConcurrency());
        nonEmpty(out, "verification.allowedHosts", p.verification().allowedHosts());
        if (p.repository().maxFileBytes() <= 0) out.add("field repository.maxFileBytes: must be greater than 0");
        positive(out, "repository.maxObjectsPerStack", p.repository().maxObjectsPerStack());
        scheduleOverride(out, p);
        for (int i = 0; i < p.adoption().size(); i++) {
            Policy.Adoption a = p.adoption().get(i);
            if (a == null || a.stack() == null || a.kind() == null || a.name() == null) {
                out.add("field adoption[" + i + "]: stack, kind and name are required");
            }
        }
        return out;
    }

    private static void scheduleOverride(List<String> out, Policy p) {
        try {
            java.time.Duration max = p.scheduleOverrideBound();
            if (max.isZero()) {
                out.add("field maxScheduleOverride: must be greater than 0 (0 would refuse every stack-agent wake|sleep)");
            } else if (max.compareTo(Policy.MAX_SCHEDULE_OVERRIDE_LIMIT) > 0) {
                out.add("field maxScheduleOverride: at most 7d (" + p.maxScheduleOverride() + " given); a longer change belongs in Git");
            }
        } catch (IllegalArgumentException e) {
            out.add("field maxScheduleOverride: " + e.getMessage());
        }
    }

    private static void nonEmpty(List<String> out, String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || values.get(i).isBlank()) out.add("field " + field + "[" + i + "]: must not be empty");
        }
    }

    private static void positive(List<String> out, String field, int value) {
        if (value <= 0) out.add("field " + field + ": must be greater than 0");
    }

    private static String where(JsonMappingException e) {
        String path = YamlErrors.path(e);
        return path.isEmpty() ? "" : "field " + path + ": ";
    }

    private static String lineOf(JsonProcessingException e) {
        int line = YamlErrors.line(e.getLocation());
        return line > 0 ? ":" + line : "";
    }

    private static String firstLine(String message) {
        int cut = message == null ? -1 : message.indexOf('\n');
        String m = cut > 0 ? message.substring(0, cut) : String.valueOf(message);
        return m.replaceAll("`(?:[a-zA-Z0-9_]+[.$])*([A-Za-z0-9_]+)`", "$1").replaceAll("\\(class [^)]*\\)", "").trim();
    }
}
