package dev.stackagent.desired;

import static dev.stackagent.desired.Repo.lineOf;
import static dev.stackagent.desired.Repo.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a user of {@code validate} sees: the template loads clean; every broken variant of a stack
 * is rejected whole with an error naming file, field and (where the parser knows it) line, while
 * the other, valid stack of the same repo still loads.
 */
class StackLoaderTest {
    static final String GOOD_STACK = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster:
              project: demo-project
              location: europe-west4-a
              name: demo-cluster
            namespaces:
              - name: team-good
            """;
    static final String GOOD_CM = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: good
            """;

    /** The stack each case breaks; loads clean as written (see {@link #baseStackLoads()}). */
    static final String BASE_STACK = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster:
              project: demo-project
              location: europe-west4-a
              name: demo-cluster
            namespaces:
              - name: team-a
            nodePools:
              - name: tpu-pool
                machineType: ct6e-standard-4t
                autoscaling:
                  enabled: true
                  minNodeCount: 0
                  maxNodeCount: 3
                taints:
                  - key: google.com/tpu
                    value: present
                    effect: NO_SCHEDULE
            schedule:
              timeZone: Europe/Amsterdam
              awake:
                - days: Mon-Fri
                  from: "07:00"
                  to: "19:00"
              wakeLeadTime: 20m
              nodePools: [tpu-pool]
            """;
    static final String BASE_CM = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-config
            data:
              level: info
            """;

    static final String BROKEN = "stacks/broken/";
    static final String STACK_YAML = BROKEN + "stack.yaml";
    static final String APP_YAML = BROKEN + "app.yaml";

    static Repo repo(Map<String, String> overrides) {
        Repo r = Repo.of()
                .file("stacks/good/stack.yaml", GOOD_STACK)
                .file("stacks/good/settings.yaml", GOOD_CM)
                .file(STACK_YAML, BASE_STACK)
                .file(APP_YAML, BASE_CM);
        overrides.forEach(r::file);
        return r;
    }

    /** A broken variant: the files it changes, and the error the user must see. line -1: not checked. */
    record Case(String name, Map<String, String> files, String file, String field, String message, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case stackCase(String name, String stackYaml, String field, String message, int line) {
        return new Case(name, Map.of(STACK_YAML, stackYaml), STACK_YAML, field, message, line);
    }

    static Case manifestCase(String name, String manifest, String field, String message, int line) {
        return new Case(name, Map.of(APP_YAML, manifest), APP_YAML, field, message, line);
    }

    static Stream<Case> brokenStacks() {
        String unknownTop = BASE_STACK + "prunee: true\n";
        String unknownNested = replace(BASE_STACK, "maxNodeCount: 3", "maxNodeCont: 3");
        String wrongType = replace(BASE_STACK, "maxNodeCount: 3", "maxNodeCount: three");
        String listNotMap = replace(BASE_STACK, "cluster:\n  project: demo-project\n  location: europe-west4-a\n  name: demo-cluster\n",
                "cluster: [demo]\n");
        String badDuration = replace(BASE_STACK, "wakeLeadTime: 20m", "wakeLeadTime: 20 minutes");
        String badDay = replace(BASE_STACK, "days: Mon-Fri", "days: Mon-Fry");
        String badTime = replace(BASE_STACK, "from: \"07:00\"", "from: 7am");
        String syntax = replace(BASE_STACK, "kind: Stack", "kind: Stack: Stack");
        String unknownBlock = replace(BASE_STACK, "cluster:\n", "# the GKE cluster\nclusterr:\n");
        String emptyEntry = replace(BASE_STACK, "  - name: team-a", "  -\n  - name: team-a");
        String secretCopies = BASE_STACK + """
                secretCopies:
                  - fromNamespace: istio-system
                    fromName: redhat-pull-secret
                    namespace: istio-system-copy
                """;
        String workloads = replace(BASE_STACK, "  nodePools: [tpu-pool]",
                "  nodePools: [tpu-pool]\n  workloads:\n    - kind: Deployment\n      name: ghost");
        String twoNamespaces = replace(BASE_STACK, "  - name: team-a", "  - name: team-a\n  - name: team-b");
        return Stream.of(
                stackCase("unknown top-level field", unknownTop, "prunee", "unknown field 'prunee'",
                        lineOf(unknownTop, "prunee")),
                stackCase("unknown nested field", unknownNested, "nodePools[0].autoscaling.maxNodeCont",
                        "unknown field 'maxNodeCont'", lineOf(unknownNested, "maxNodeCont")),
                stackCase("unknown field with a block value", unknownBlock, "clusterr",
                        "unknown field 'clusterr'", lineOf(unknownBlock, "clusterr")),
                stackCase("wrong scalar type", wrongType, "nodePools[0].autoscaling.maxNodeCount",
                        "is not a whole number", lineOf(wrongType, "three")),
                stackCase("list where a mapping belongs", listNotMap, "cluster", "expected a mapping",
                        lineOf(listNotMap, "cluster:")),
                stackCase("bad duration", badDuration, "schedule.wakeLeadTime", "'20 minutes' is not a duration",
                        lineOf(badDuration, "20 minutes")),
                stackCase("bad day", badDay, "schedule.awake[0].days", "'Mon-Fry' is not a day",
                        lineOf(badDay, "Mon-Fry")),
                stackCase("bad time", badTime, "schedule.awake[0].from", "'7am' is not a time of day",
                        lineOf(badTime, "7am")),
                stackCase("bad time zone", replace(BASE_STACK, "Europe/Amsterdam", "Europe/Amsterdamm"),
                        "schedule.timeZone", "'Europe/Amsterdamm' is not an IANA time zone", -1),
                stackCase("missing cluster", replace(BASE_STACK,
                        "cluster:\n  project: demo-project\n  location: europe-west4-a\n  name: demo-cluster\n", ""),
                        "cluster", "is required", -1),
                stackCase("missing cluster name", replace(BASE_STACK, "  name: demo-cluster\n", ""),
                        "cluster.name", "is required", -1),
                stackCase("wrong apiVersion", replace(BASE_STACK, "stack-agent.dev/v1alpha1", "stack-agent.dev/v1"),
                        "apiVersion", "must be stack-agent.dev/v1alpha1", -1),
                stackCase("YAML syntax error", syntax, "", "not valid YAML", lineOf(syntax, "Stack: Stack")),
                stackCase("empty list entry", emptyEntry, "", "a list has an empty entry", -1),
                stackCase("empty list entry in a section", replace(BASE_STACK, "    - days: Mon-Fri", "    -\n    - days: Mon-Fri"),
                        "schedule", "a list has an empty entry", -1),
                stackCase("autoscaling min > max", replace(BASE_STACK, "minNodeCount: 0", "minNodeCount: 5"),
                        "nodePools[0].autoscaling.minNodeCount", "minNodeCount 5 is greater than maxNodeCount 3", -1),
                stackCase("taint effect in Kubernetes spelling", replace(BASE_STACK, "effect: NO_SCHEDULE", "effect: NoSchedule"),
                        "nodePools[0].taints[0].effect", "(was 'NoSchedule')", -1),
                stackCase("secretCopies into a foreign namespace", secretCopies,
                        "secretCopies[0].namespace", "must be one of the stack's namespaces", -1),
                stackCase("secretCopies without fromName", BASE_STACK + """
                        secretCopies:
                          - fromNamespace: team-a
                            namespace: team-a
                        """, "secretCopies[0].fromName", "is required", -1),
                stackCase("secretCopies onto itself", BASE_STACK + """
                        secretCopies:
                          - fromNamespace: team-a
                            fromName: pull
                            namespace: team-a
                        """, "secretCopies[0]", "copies a Secret onto itself", -1),
                stackCase("schedule.nodePools names an undeclared pool", replace(BASE_STACK, "[tpu-pool]", "[gpu-pool]"),
                        "schedule.nodePools[0]", "'gpu-pool' is not a node pool of this stack", -1),
                stackCase("schedule.workloads names a missing object", workloads,
                        "schedule.workloads[0]", "Deployment ghost is not an object of this stack", -1),
                stackCase("manifests entry matches no file", BASE_STACK + "manifests:\n  - missing.yaml\n",
                        "manifests[0]", "'missing.yaml' matches no .yaml/.yml file", -1),
                stackCase("manifests entry outside the stack", BASE_STACK + "manifests:\n  - ../good\n",
                        "manifests[0]", "must be a path inside the stack directory", -1),
                manifestCase("object without a name", replace(BASE_CM, "  name: app-config\n", "  labels: {a: b}\n"),
                        "metadata.name", "is required", 1),
                manifestCase("object in a namespace the stack does not own", replace(BASE_CM,
                        "  name: app-config\n", "  name: app-config\n  namespace: kube-system\n"),
                        "metadata.namespace", "'kube-system' is not one of the stack's namespaces [team-a]", 1),
                manifestCase("cluster-scoped kind", """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRole
                        metadata:
                          name: reader
                        rules: []
                        """, "kind", "cluster-scoped kind ClusterRole may not be owned by a stack", 1),
                manifestCase("Namespace among the manifests", """
                        apiVersion: v1
                        kind: Namespace
                        metadata:
                          name: team-a
                        """, "kind", "declare namespaces in stack.yaml", 1),
                manifestCase("Secret with data", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: hf-token
                        data:
                          HF_TOKEN: aGY=
                        """, "data", "Secret values must not live in Git", 1),
                manifestCase("Secret with stringData", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: hf-token
                        stringData:
                          HF_TOKEN: hf_abc
                        """, "stringData", "Secret values must not live in Git", 1),
                manifestCase("Secret with empty data and stringData", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: hf-token
                        data: {}
                        stringData:
                          HF_TOKEN: hf_abc
                        """, "stringData", "Secret values must not live in Git", 1),
                manifestCase("second document broken, its line reported", BASE_CM + "---\n" + """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          namespace: team-a
                        """, "metadata.name", "is required", lineOf(BASE_CM, "level:") + 2),
                manifestCase("YAML syntax error in a manifest", replace(BASE_CM, "level: info", "level: [info"),
                        "", "not valid YAML", -1),
                manifestCase("List kind", """
                        apiVersion: v1
                        kind: ConfigMapList
                        metadata:
                          name: many
                        """, "kind", "lists are not supported", 1),
                new Case("namespace missing on a multi-namespace stack", Map.of(STACK_YAML, twoNamespaces),
                        APP_YAML, "metadata.namespace", "is required when the stack has several namespaces [team-a, team-b]", 1),
                new Case("duplicate object in two files", Map.of(BROKEN + "again.yaml", BASE_CM),
                        APP_YAML, "metadata.name", "duplicate object: already declared in " + BROKEN + "again.yaml:1", 1));
    }

    @Test
    void templateLoadsClean() {
        SortedFiles files = new SortedFiles(StackLoader.readDirectory(Path.of("config-repo-template")));
        DesiredState state = StackLoader.load("rev-1", files.map());

        assertThat(state.errors()).isEmpty();
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("qwen2-3b-pattern1");
        Stack stack = state.stacks().get(0);
        assertThat(stack.config().cluster())
                .isEqualTo(new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1"));
        assertThat(stack.objects()).extracting(o -> o.ref().toString()).containsExactlyInAnyOrder(
                "Namespace llm-d-inference-scheduling",
                "LLMInferenceService llm-d-inference-scheduling/qwen2-3b-pattern1",
                "NetworkPolicy llm-d-inference-scheduling/default-deny",
                "NetworkPolicy llm-d-inference-scheduling/allow-gateway-to-vllm",
                "NetworkPolicy llm-d-inference-scheduling/allow-vllm-egress");
        assertThat(stack.objects()).allSatisfy(o -> assertThat(o.file()).startsWith("stacks/qwen2-3b-pattern1/"));
        assertThat(stack.config().nodePools()).extracting(NodePoolSpec::name).containsExactly("tpu-v6e-pool");
        assertThat(stack.config().secretCopies()).containsExactly(
                new SecretCopy("istio-system", "redhat-pull-secret", "llm-d-inference-scheduling", null));
    }

    record SortedFiles(java.util.SortedMap<String, byte[]> map) {
    }

    @Test
    void baseStackLoads() {
        DesiredState state = repo(Map.of()).load();

        assertThat(state.errors()).isEmpty();
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("broken", "good");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenStacks")
    void brokenStackIsRejectedWholeAndTheOtherStackStillLoads(Case c) {
        DesiredState state = repo(c.files()).load();

        assertThat(state.stacks()).extracting(Stack::name).containsExactly("good");
        assertThat(state.rejected()).containsOnlyKeys("broken");
        List<ValidationError> errors = state.rejected().get("broken");
        assertThat(errors).as("errors: %s", errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(c.file());
            assertThat(e.field()).isEqualTo(c.field());
            assertThat(e.message()).contains(c.message());
            if (c.line() >= 0) assertThat(e.line()).isEqualTo(c.line());
        });
    }

    @Test
    void sameObjectInTwoStacksRejectsTheLaterStackOnly() {
        String stack = replace(GOOD_STACK, "team-good", "shared");
        DesiredState state = Repo.of()
                .file("stacks/good/stack.yaml", GOOD_STACK)
                .file("stacks/good/settings.yaml", GOOD_CM)
                .file("stacks/alpha/stack.yaml", stack)
                .file("stacks/alpha/cm.yaml", BASE_CM)
                .file("stacks/beta/stack.yaml", stack)
                .file("stacks/beta/cm.yaml", BASE_CM)
                .load();

        assertThat(state.stacks()).extracting(Stack::name).containsExactly("alpha", "good");
        assertThat(state.rejected()).containsOnlyKeys("beta");
        assertThat(state.rejected().get("beta")).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("stacks/beta/cm.yaml");
            assertThat(e.object()).isEqualTo("ConfigMap shared/app-config");
            assertThat(e.message()).contains("also claimed by stack alpha");
        });
    }

    @Test
    void secretWithoutValuesIsAllowed() {
        DesiredState state = repo(Map.of(APP_YAML, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: hf-token
                type: Opaque
                data: {}
                """)).load();

        assertThat(state.errors()).isEmpty();
        assertThat(stack(state, "broken").objects()).extracting(o -> o.ref().toString())
                .contains("Secret team-a/hf-token");
    }

    @Test
    void singleNamespaceStackDefaultsTheNamespace() {
        DesiredObject cm = object(repo(Map.of()).load(), "broken", "ConfigMap", "app-config");

        assertThat(cm.ref().namespace()).isEqualTo("team-a");
        assertThat(cm.body().at("/metadata/namespace").asText()).isEqualTo("team-a");
    }

    @Test
    void multiNamespaceStackAcceptsExplicitNamespaces() {
        String twoNamespaces = replace(BASE_STACK, "  - name: team-a", "  - name: team-a\n  - name: team-b");
        DesiredState state = repo(Map.of(STACK_YAML, twoNamespaces,
                APP_YAML, replace(BASE_CM, "  name: app-config\n", "  name: app-config\n  namespace: team-b\n"))).load();

        assertThat(state.errors()).isEmpty();
        assertThat(object(state, "broken", "ConfigMap", "app-config").ref().namespace()).isEqualTo("team-b");
        assertThat(stack(state, "broken").objects()).extracting(o -> o.ref().toString())
                .contains("Namespace team-a", "Namespace team-b");
    }

    @Test
    void namespacesFromStackYamlCarryTheirLabels() {
        String labelled = replace(BASE_STACK, "  - name: team-a", "  - name: team-a\n    labels:\n      istio-injection: enabled");
        DesiredObject ns = object(repo(Map.of(STACK_YAML, labelled)).load(), "broken", "Namespace", "team-a");

        assertThat(ns.ref().namespace()).isNull();
        assertThat(ns.body().at("/metadata/labels/istio-injection").asText()).isEqualTo("enabled");
        assertThat(ns.file()).isEqualTo(STACK_YAML);
    }

    @Test
    void statusAndServerFieldsAreStrippedFromDesired() {
        DesiredObject cm = object(repo(Map.of(APP_YAML, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-config
                  uid: 0b6f3c1e-1111-2222-3333-444455556666
                  resourceVersion: "4711"
                  creationTimestamp: "2025-01-01T00:00:00Z"
                  generation: 3
                  managedFields:
                    - manager: kubectl
                  labels:
                    app: demo
                data:
                  level: info
                status:
                  phase: Ready
                """)).load(), "broken", "ConfigMap", "app-config");

        JsonNode meta = cm.body().get("metadata");
        assertThat(cm.body().has("status")).isFalse();
        assertThat(meta.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "namespace", "labels");
        assertThat(cm.body().at("/data/level").asText()).isEqualTo("info");
    }

    @Test
    void manifestsEntriesSelectFilesAndDirectories() {
        String withManifests = BASE_STACK + "manifests:\n  - ./app.yaml\n  - policies/\n";
        DesiredState state = repo(Map.of(STACK_YAML, withManifests,
                BROKEN + "policies/one.yaml", replace(BASE_CM, "app-config", "one"),
                BROKEN + "policies/deeper/two.yml", replace(BASE_CM, "app-config", "two"),
                BROKEN + "policies/README.md", "not yaml",
                BROKEN + "unlisted.yaml", replace(BASE_CM, "app-config", "unlisted"))).load();

        assertThat(state.errors()).isEmpty();
        assertThat(stack(state, "broken").objects()).extracting(o -> o.ref().name())
                .containsExactlyInAnyOrder("team-a", "app-config", "one", "two");
    }

    @Test
    void stackYamlDirectlyUnderStacksIsNotAStack() {
        DesiredState state = repo(Map.of("stacks/stack.yaml", BASE_STACK)).load();

        assertThat(state.stacks()).extracting(Stack::name).containsExactly("broken", "good");
    }

    @Test
    void invalidStackDirectoryNameIsRejected() {
        DesiredState state = repo(Map.of("stacks/My_Stack/stack.yaml", replace(GOOD_STACK, "team-good", "team-c"))).load();

        assertThat(state.rejected()).containsOnlyKeys("My_Stack");
        assertThat(state.rejected().get("My_Stack")).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("stacks/My_Stack/stack.yaml");
            assertThat(e.message()).contains("DNS-1123 label");
        });
    }

    @Test
    void repoWithoutStacksIsAnError() {
        DesiredState state = Repo.of().file("README.md", "hello").load();

        assertThat(state.stacks()).isEmpty();
        assertThat(state.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("no stacks found"));
    }

    static Stack stack(DesiredState state, String name) {
        assertThat(state.errors()).isEmpty();
        return state.stacks().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static DesiredObject object(DesiredState state, String stack, String kind, String name) {
        return stack(state, stack).objects().stream()
                .filter(o -> o.ref().kind().equals(kind) && o.ref().name().equals(name))
                .findFirst().orElseThrow();
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
