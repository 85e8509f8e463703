package dev.stackagent.desired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the files of one config-repo revision into a {@link DesiredState}: every stack under
 * {@code stacks/<name>/} is parsed and validated; a stack with any error is rejected whole.
 * Pure: files in, values out.
 */
public final class StackLoader {
    public static final String STACKS_DIR = "stacks/";
    public static final String STACK_FILE = "stack.yaml";
    private static final List<String> SERVER_FIELDS = List.of(
            "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink", "deletionTimestamp");

    private StackLoader() {
    }

    /**
     * Reads the regular files under {@code stacks/} of a config repo in a directory. Symlinks are
     * neither followed nor read: see {@link #readRepository(Path)}, which also reports them.
     */
    public static SortedMap<String, byte[]> readDirectory(Path root) {
        return readRepository(root).files();
    }

    /**
     * Reads a config repo from a directory (used by {@code validate} and {@code plan}) as
     * {@code run} reads a commit: the regular files under {@code stacks/}, and the paths of the
     * symbolic links found there (to files or directories, inside or outside the repository). A
     * link is never followed and its target never read, so nothing outside the repository can be
     * loaded or echoed in an error.
     */
    public static RepoFiles readRepository(Path root) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        SortedSet<String> symlinks = new TreeSet<>();
        Path stacks = root.resolve("stacks");
        if (Files.isSymbolicLink(stacks)) {
            symlinks.add(relative(root, stacks));
            return new RepoFiles(files, symlinks);
        }
        if (!Files.isDirectory(stacks, LinkOption.NOFOLLOW_LINKS)) {
            return new RepoFiles(files, symlinks);
        }
        // Files.walk does not follow links unless told to: a linked directory is visited as one entry.
        try (Stream<Path> walk = Files.walk(stacks)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    symlinks.add(relative(root, p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(relative(root, p), Files.readAllBytes(p));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot read config repo " + root + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        return new RepoFiles(files, symlinks);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** All stacks of a revision under the built-in policy; files maps repo-relative paths to contents. */
    public static DesiredState load(String revision, SortedMap<String, byte[]> files) {
        return load(revision, RepoFiles.of(files), LoadRules.defaults());
    }

    /** All stacks of a revision, each checked against {@code rules} (the platform team's policy) as well. */
    public static DesiredState load(String revision, RepoFiles repo, LoadRules rules) {
        SortedMap<String, byte[]> files = repo.files();
        List<String> stackNames = files.keySet().stream()
                .filter(p -> p.startsWith(STACKS_DIR) && p.endsWith("/" + STACK_FILE)
                        && p.length() > STACKS_DIR.length() + STACK_FILE.length() + 1) // not stacks/stack.yaml itself
                .map(p -> p.substring(STACKS_DIR.length(), p.length() - STACK_FILE.length() - 1))
                .filter(n -> !n.contains("/"))
                .sorted()
                .toList();
        List<Stack> stacks = new ArrayList<>();
        Map<String, List<ValidationError>> rejected = new LinkedHashMap<>();
        List<ValidationError> allWarnings = new ArrayList<>();
        for (String name : stackNames) {
            List<ValidationError> errors = new ArrayList<>();
            List<ValidationError> warnings = new ArrayList<>();
            Stack stack = loadStack(name, repo, rules, errors, warnings);
            // one warning however many objects raise it (a kind not schema-checked), an error with --strict
            addOnce(rules.strict() ? errors : allWarnings, warnings);
            if (errors.isEmpty()) {
                stacks.add(stack);
            } else {
                rejected.put(name, List.copyOf(errors));
            }
        }
        rejectShared(stacks, rejected, rules.holders());
        if (stackNames.isEmpty()) {
            rejected.put("", List.of(new ValidationError(STACKS_DIR, 0, "", "",
                    "no stacks found: a config repo holds stacks/<name>/stack.yaml")));
        }
        return new DesiredState(revision, stacks, rejected, allWarnings);
    }

    private static void addOnce(List<ValidationError> to, List<ValidationError> warnings) {
        for (ValidationError w : warnings) {
            if (to.stream().noneMatch(a -> java.util.Objects.equals(a.object(), w.object())
                    && java.util.Objects.equals(a.field(), w.field()) && a.message().equals(w.message()))) {
                to.add(w);
            }
        }
    }

    private static Stack loadStack(String name, RepoFiles repo, LoadRules rules, List<ValidationError> errors,
            List<ValidationError> warnings) {
        SortedMap<String, byte[]> files = repo.files();
        String dir = STACKS_DIR + name + "/";
        String stackFile = dir + STACK_FILE;
        long maxBytes = rules.policy().repository().maxFileBytes();
        for (String link : repo.symlinks()) {
            if (link.startsWith(dir)) {
                errors.add(new ValidationError(link, 0, "stack " + name, "",
                        "is a symlink: symlinks are not followed (commit the file itself)"));
            }
        }
        if (tooLarge(stackFile, files.get(stackFile), maxBytes, name, errors)) {
            return null;
        }
        if (!Names.isLabel(name)) {
            errors.add(new ValidationError(stackFile, 0, "stack " + name, "",
                    "the stack directory name must be a DNS-1123 label (lower case letters, digits, '-')"));
        }
        List<String> refused = new ArrayList<>();
        StackConfig config = StackConfigParser.parse(stackFile, name, files.get(stackFile), errors, refused);
        if (config == null) {
            return null;
        }
        try {
            return loadParsed(name, repo, rules, config, refused, errors, warnings);
        } catch (RuntimeException e) {
            if (refused.isEmpty()) throw e;
            return null; // the parts the parser refused are reported; what is left of the config is too incomplete to check further
        }
    }

    private static Stack loadParsed(String name, RepoFiles repo, LoadRules rules, StackConfig config, List<String> refused,
            List<ValidationError> errors, List<ValidationError> warnings) {
        SortedMap<String, byte[]> files = repo.files();
        String dir = STACKS_DIR + name + "/";
        String stackFile = dir + STACK_FILE;
        long maxBytes = rules.policy().repository().maxFileBytes();
        int before = errors.size();
        new StackConfigValidator(stackFile, name, errors).validate(config);
        withLines(errors, before, files.get(stackFile));
        // a part the parser refused is left out of the config: checks of it would only repeat the error ("is required")
        for (int i = errors.size() - 1; i >= before; i--) {
            String field = errors.get(i).field() == null ? "" : errors.get(i).field();
            if (!field.isEmpty() && refused.stream().anyMatch(p -> related(p, field))) errors.remove(i);
        }
        List<String> namespaces = config.namespaces().stream().map(NamespaceSpec::name).toList();
        Map<String, DesiredObject> byKey = new LinkedHashMap<>();
        for (NamespaceSpec ns : config.namespaces()) {
            if (ns != null && ns.name() != null) {
                DesiredObject o = namespaceObject(ns, stackFile);
                byKey.put(o.ref().key(), o);
            }
        }
        List<String> manifestFiles = ManifestFiles.select(dir, config, files, errors);
        ManifestFiles.unlisted(dir, manifestFiles, files, warnings);
        for (String file : manifestFiles) {
            if (tooLarge(file, files.get(file), maxBytes, name, errors)) {
                continue;
            }
            for (ManifestReader.Document doc : ManifestReader.read(file, files.get(file), errors)) {
                DesiredObject o = object(file, doc, namespaces, errors);
                if (o == null) {
                    continue;
                }
                rules.objectCheck().check(o, files.get(file), errors, warnings);
                DesiredObject previous = byKey.putIfAbsent(o.ref().key(), o);
                if (previous != null) {
                    errors.add(new ValidationError(file, doc.line(), o.ref().toString(), "metadata.name",
                            "duplicate object: already declared in " + previous.file()
                                    + (previous.line() > 0 ? ":" + previous.line() : "")));
                }
            }
        }
        if (config.schedule() != null) {
            for (int i = 0; i < config.schedule().workloads().size(); i++) {
                ScheduleSpec.WorkloadRef w = config.schedule().workloads().get(i);
                if (w != null && w.kind() != null && byKey.values().stream().noneMatch(o -> o.ref().kind().equals(w.kind())
                        && o.ref().name().equals(w.name()) && (w.namespace() == null || w.namespace().equals(o.ref().namespace())))) {
                    errors.add(new ValidationError(stackFile, 0, "stack " + name, "schedule.workloads[" + i + "]",
                            w.kind() + " " + w.name() + " is not an object of this stack"));
                }
            }
        }
        int beforePolicy = errors.size();
        new StackPolicy(stackFile, name, rules, errors).check(config, List.copyOf(byKey.values()));
        withLines(errors, beforePolicy, files.get(stackFile));
        return new Stack(name, dir, config, new ArrayList<>(byKey.values()));
    }

    private static boolean related(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || a.startsWith(b + "[") || b.startsWith(a + ".") || b.startsWith(a + "[");
    }

    /** A file over the policy's size limit is refused before it is parsed: one pathological file costs nothing. */
    private static boolean tooLarge(String file, byte[] content, long maxBytes, String stack, List<ValidationError> errors) {
        if (content == null || content.length <= maxBytes) {
            return false;
        }
        errors.add(new ValidationError(file, 0, "stack " + stack, "", "is " + content.length
                + " bytes; the policy allows at most " + maxBytes + " per file (repository.maxFileBytes); not parsed"));
        return true;
    }

    /** Gives the checks made after parsing the line of their field in {@code stack.yaml}, where it can be found. */
    private static void withLines(List<ValidationError> errors, int from, byte[] yaml) {
        for (int i = from; i < errors.size(); i++) {
            ValidationError e = errors.get(i);
            if (e.line() == 0 && e.field() != null && !e.field().isEmpty()) {
                errors.set(i, new ValidationError(e.file(), YamlLines.lineOf(yaml, e.field()), e.object(), e.field(), e.message()));
            }
        }
    }

    private static DesiredObject namespaceObject(NamespaceSpec ns, String file) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("apiVersion", "v1");
        body.put("kind", "Namespace");
        ObjectNode meta = body.putObject("metadata");
        meta.put("name", ns.name());
        if (!ns.labels().isEmpty()) {
            ObjectNode labels = meta.putObject("labels");
            new TreeMap<>(ns.labels()).forEach(labels::put);
        }
        if (!ns.annotations().isEmpty()) {
            ObjectNode annotations = meta.putObject("annotations");
            new TreeMap<>(ns.annotations()).forEach(annotations::put);
        }
        return new DesiredObject(new ObjectRef("v1", "Namespace", null, ns.name()), body, file, 0);
    }

    private static DesiredObject object(String file, ManifestReader.Document doc, List<String> namespaces,
            List<ValidationError> errors) {
        ObjectNode body = doc.body().deepCopy();
        int before = errors.size();
        String apiVersion = text(body, "apiVersion");
        String kind = text(body, "kind");
        JsonNode meta = body.get("metadata");
        String name = meta == null ? null : text(meta, "name");
        String label = (kind == null ? "object" : kind) + " " + (name == null ? "(unnamed)" : name);
        if (apiVersion == null) errors.add(new ValidationError(file, doc.line(), label, "apiVersion", "is required"));
        if (kind == null) errors.add(new ValidationError(file, doc.line(), label, "kind", "is required"));
        if (meta == null || !meta.isObject()) {
            errors.add(new ValidationError(file, doc.line(), label, "metadata", "is required"));
            return null;
        }
        if (name == null) {
            errors.add(new ValidationError(file, doc.line(), label, "metadata.name", "is required (generateName is not supported)"));
        } else if (!Names.isSubdomain(name)) {
            errors.add(new ValidationError(file, doc.line(), label, "metadata.name", "'" + name + "' is not a valid Kubernetes name"));
        }
        if (errors.size() > before) return null;
        if (kind.equals("List") || kind.endsWith("List")) {
            errors.add(new ValidationError(file, doc.line(), label, "kind", "lists are not supported: write one document per object"));
            return null;
        }
        if (kind.equals("Namespace")) {
            errors.add(new ValidationError(file, doc.line(), label, "kind",
                    "declare namespaces in stack.yaml under namespaces:, not as manifests"));
            return null;
        }
        if (KindRules.isClusterScoped(kind)) {
            errors.add(new ValidationError(file, doc.line(), label, "kind",
                    "cluster-scoped kind " + kind + " may not be owned by a stack (ask the cluster admin)"));
            return null;
        }
        ObjectNode metadata = (ObjectNode) meta;
        String namespace = text(metadata, "namespace");
        if (namespace == null) {
            if (namespaces.size() == 1) {
                namespace = namespaces.get(0);
                metadata.put("namespace", namespace);
            } else {
                errors.add(new ValidationError(file, doc.line(), label, "metadata.namespace",
                        "is required when the stack has several namespaces " + namespaces));
                return null;
            }
        }
        if (!namespaces.contains(namespace)) {
            errors.add(new ValidationError(file, doc.line(), label, "metadata.namespace",
                    "'" + namespace + "' is not one of the stack's namespaces " + namespaces));
            return null;
        }
        if (KindRules.carriesSecretValues(kind, body)) {
            errors.add(new ValidationError(file, doc.line(), label, KindRules.hasEntries(body.get("data")) ? "data" : "stringData",
                    "Secret values must not live in Git: use secretCopies in stack.yaml or create the Secret out of band"));
            return null;
        }
        body.remove("status");
        SERVER_FIELDS.forEach(metadata::remove);
        return new DesiredObject(new ObjectRef(apiVersion, kind, namespace, name), body, file, doc.line());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    /**
     * One owner per thing: of two stacks of the same cluster claiming one object, namespace or node
     * pool, the stack whose inventory already holds it keeps it (offline: the first by name) and the
     * other is rejected with an error naming both. Stacks of different clusters never conflict.
     */
    private static void rejectShared(List<Stack> stacks, Map<String, List<ValidationError>> rejected, Map<String, String> holders) {
        Map<ClusterRef, List<Stack>> byCluster = new LinkedHashMap<>();
        stacks.forEach(s -> byCluster.computeIfAbsent(s.config().cluster(), c -> new ArrayList<>()).add(s));
        for (List<Stack> group : byCluster.values()) {
            // holders first: a stack that already holds what it claims keeps it against any other
            List<Stack> order = new ArrayList<>(group);
            order.sort(java.util.Comparator.comparing((Stack s) -> claims(s).keySet().stream()
                    .noneMatch(k -> s.name().equals(holders.get(k)))).thenComparing(Stack::name));
            Map<String, String> owner = new HashMap<>();
            for (Stack stack : order) {
                List<ValidationError> errors = new ArrayList<>();
                claims(stack).forEach((key, where) -> {
                    String other = owner.get(key);
                    String holder = holders.get(key);
                    if (other == null && holder != null && !holder.equals(stack.name()) && group.stream().anyMatch(s -> s.name().equals(holder))) {
                        other = holder;
                    }
                    if (other != null) {
                        errors.add(new ValidationError(where.file(), where.line(), where.object(), where.field(),
                                "also claimed by stack " + other + ", which " + (other.equals(holder) ? "holds it in the cluster" : "comes first")
                                        + ": a namespace, object or node pool belongs to one stack (" + stack.name() + " is rejected)"));
                    }
                });
                if (errors.isEmpty()) {
                    claims(stack).keySet().forEach(k -> owner.put(k, stack.name()));
                } else {
                    stacks.remove(stack);
                    rejected.put(stack.name(), Collections.unmodifiableList(errors));
                }
            }
        }
    }

    /** What a stack claims, by key, with where it says so. */
    private static Map<String, ValidationError> claims(Stack stack) {
        Map<String, ValidationError> out = new LinkedHashMap<>();
        for (DesiredObject o : stack.objects()) {
            out.put(o.ref().key(), new ValidationError(o.file(), o.line(), o.ref().toString(),
                    o.ref().kind().equals("Namespace") ? "namespaces" : "metadata.name", ""));
        }
        List<NodePoolSpec> pools = stack.config().nodePools();
        for (int i = 0; i < pools.size(); i++) {
            out.put(LoadRules.poolKey(pools.get(i).name()), new ValidationError(stack.dir() + STACK_FILE, 0, "stack " + stack.name(),
                    "nodePools[" + i + "].name", ""));
        }
        return out;
    }
}
