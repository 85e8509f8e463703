package dev.stackagent.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.plan.Ownership;
import dev.stackagent.plan.Planner;
import io.fabric8.zjsonpatch.JsonPatch;

/**
 * Three-way drift as a user sees it: what shows as changed (path, old, new), what does not (server
 * defaults, controller-written fields), and a JSON Patch that really turns live into desired: every
 * UPDATE's patch is applied to live with zjsonpatch and the result diffed again, which must be UNCHANGED.
 */
class ObjectDriftTest {
    static final ObjectMapper YAML = new YAMLMapper();

    static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: team-a
              labels:
                app.kubernetes.io/name: demo
            data:
              level: info
              mode: fast
            """;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: team-a
            spec:
              replicas: 1
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      args: ["--port=8080", "--verbose"]
                      ports:
                        - containerPort: 8080
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      resources:
                        requests: {cpu: 0.5, memory: 1Gi, google.com/tpu: "4"}
            """;

    /** The Deployment as the API server returns it: defaults everywhere, status, metadata. */
    static final String DEPLOYMENT_LIVE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: team-a
              uid: 1d7c2b7e-8d3e-4f0e-a4d1-3c1a0c9f9a10
              resourceVersion: "4711"
              generation: 2
              creationTimestamp: "2025-06-02T07:00:00Z"
              annotations:
                deployment.kubernetes.io/revision: "2"
              managedFields:
                - manager: stack-agent
                  operation: Update
            spec:
              replicas: 1
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  creationTimestamp: null
                  labels: {app: web}
                spec:
                  restartPolicy: Always
                  dnsPolicy: ClusterFirst
                  schedulerName: default-scheduler
                  terminationGracePeriodSeconds: 30
                  securityContext: {}
                  containers:
                    - name: web
                      image: nginx:1.27
                      imagePullPolicy: IfNotPresent
                      terminationMessagePath: /dev/termination-log
                      terminationMessagePolicy: File
                      args: ["--port=8080", "--verbose"]
                      ports:
                        - containerPort: 8080
                          protocol: TCP
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      resources:
                        requests: {cpu: "0.5", memory: 1Gi, google.com/tpu: 4}
            status:
              observedGeneration: 2
              replicas: 1
              readyReplicas: 1
              conditions:
                - {type: Available, status: "True"}
            """;

    static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: redhat-pull-secret
              namespace: team-a
            type: kubernetes.io/dockerconfigjson
            data:
              .dockerconfigjson: bmV3
            """;

    /**
     * One drift case. {@code changes}: the FieldChanges as the user reads them ({@code path: from -> to});
     * {@code ops}: the patch operations as {@code op path}.
     */
    record Case(String name, String kind, String desired, String live, String lastApplied, Action action,
            List<String> changes, List<String> ops) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case unchanged(String name, String kind, String desired, String live, String lastApplied) {
        return new Case(name, kind, desired, live, lastApplied, Action.UNCHANGED, List.of(), List.of());
    }

    static Case update(String name, String kind, String desired, String live, String lastApplied, List<String> changes,
            List<String> ops) {
        return new Case(name, kind, desired, live, lastApplied, Action.UPDATE, changes, ops);
    }

    static String edit(String yaml, String from, String to) {
        assertThat(yaml).contains(from);
        return yaml.replace(from, to);
    }

    static Stream<Case> cases() {
        return Stream.of(
                unchanged("identical", "ConfigMap", CONFIG_MAP, CONFIG_MAP, null),
                unchanged("API server defaults, metadata and status on a Deployment", "Deployment", DEPLOYMENT, DEPLOYMENT_LIVE, null),
                unchanged("number in Git, equal decimal text live", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: 4"), edit(CONFIG_MAP, "mode: fast", "mode: \"4\""), null),
                unchanged("decimal text in Git, number live", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: \"4\""), edit(CONFIG_MAP, "mode: fast", "mode: 4"), null),
                unchanged("integer and equal decimal", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: 12"), edit(CONFIG_MAP, "mode: fast", "mode: 12.0"), null),
                unchanged("1.0 in Git, \"1\" live", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: 1.0"), edit(CONFIG_MAP, "mode: fast", "mode: \"1\""), null),
                unchanged("resource quantities in the API server's canonical form", "Deployment",
                        edit(DEPLOYMENT, "{cpu: 0.5, memory: 1Gi, google.com/tpu: \"4\"}", "{cpu: 0.5, memory: 1024Mi, google.com/tpu: \"4\"}"),
                        edit(DEPLOYMENT_LIVE, "{cpu: \"0.5\", memory: 1Gi, google.com/tpu: 4}", "{cpu: 500m, memory: 1Gi, google.com/tpu: \"4\"}"),
                        null),
                update("resource quantity really changed", "Deployment",
                        edit(DEPLOYMENT, "cpu: 0.5,", "cpu: 1,"), DEPLOYMENT_LIVE, null,
                        List.of("/spec/template/spec/containers/0/resources/requests/cpu: \"0.5\" -> 1"),
                        List.of("replace /spec/template/spec/containers/0/resources/requests/cpu")),
                update("quantity-like text outside a resource list compares as text", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: 1024Mi"), edit(CONFIG_MAP, "mode: fast", "mode: 1Gi"), null,
                        List.of("/data/mode: \"1Gi\" -> \"1024Mi\""), List.of("replace /data/mode")),
                unchanged("field set live by someone else, never applied by the agent", "ConfigMap", CONFIG_MAP,
                        edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  extra: added-by-hand"),
                        CONFIG_MAP),
                unchanged("label added live by a controller", "ConfigMap", CONFIG_MAP,
                        edit(CONFIG_MAP, "    app.kubernetes.io/name: demo", "    app.kubernetes.io/name: demo\n    pod-template-hash: 6d4cf56db6"),
                        null),
                unchanged("field removed from Git and already gone live", "ConfigMap", CONFIG_MAP, CONFIG_MAP,
                        edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  old: value")),
                update("changed scalar", "Deployment", edit(DEPLOYMENT, "replicas: 1", "replicas: 2"), DEPLOYMENT_LIVE, null,
                        List.of("/spec/replicas: 1 -> 2"), List.of("replace /spec/replicas")),
                update("changed field inside a list item keeps the item's defaults", "Deployment",
                        edit(DEPLOYMENT, "image: nginx:1.27", "image: nginx:1.28"), DEPLOYMENT_LIVE, null,
                        List.of("/spec/template/spec/containers/0/image: \"nginx:1.27\" -> \"nginx:1.28\""),
                        List.of("replace /spec/template/spec/containers/0/image")),
                update("list of objects changes length: whole list replaced", "Deployment",
                        edit(DEPLOYMENT, "- {name: B, value: \"2\"}", "- {name: B, value: \"2\"}\n            - {name: C, value: \"3\"}"),
                        DEPLOYMENT_LIVE, null,
                        List.of("/spec/template/spec/containers/0/env: [{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}]"
                                + " -> [{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"C\",\"value\":\"3\"}]"),
                        List.of("replace /spec/template/spec/containers/0/env")),
                update("list entry added out of band: list shrinks back", "Deployment", DEPLOYMENT,
                        edit(DEPLOYMENT_LIVE, "--verbose\"]", "--verbose\", \"--debug\"]"), null,
                        List.of("/spec/template/spec/containers/0/args: [\"--port=8080\",\"--verbose\",\"--debug\"]"
                                + " -> [\"--port=8080\",\"--verbose\"]"),
                        List.of("replace /spec/template/spec/containers/0/args")),
                update("scalar list of the same length: one replace of the list", "Deployment",
                        edit(DEPLOYMENT, "--verbose\"]", "--quiet\"]"), DEPLOYMENT_LIVE, null,
                        List.of("/spec/template/spec/containers/0/args: [\"--port=8080\",\"--verbose\"] -> [\"--port=8080\",\"--quiet\"]"),
                        List.of("replace /spec/template/spec/containers/0/args")),
                update("field added in Git", "ConfigMap", edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  new: value"), CONFIG_MAP, null,
                        List.of("/data/new: <absent> -> \"value\""), List.of("add /data/new")),
                update("section added in Git", "ConfigMap", edit(CONFIG_MAP, "  namespace: team-a", "  namespace: team-a\n  annotations: {owner: team-a}"),
                        CONFIG_MAP, null,
                        List.of("/metadata/annotations: <absent> -> {\"owner\":\"team-a\"}"), List.of("add /metadata/annotations")),
                update("null live, value in Git", "ConfigMap", CONFIG_MAP, edit(CONFIG_MAP, "mode: fast", "mode: null"), null,
                        List.of("/data/mode: <absent> -> \"fast\""), List.of("replace /data/mode")),
                update("three-way: field removed from Git is removed live", "ConfigMap", CONFIG_MAP,
                        edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  old: value"),
                        edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  old: value"),
                        List.of("/data/old: \"value\" -> <removed>"), List.of("remove /data/old")),
                update("three-way: label removed from Git inside a list item", "Deployment", DEPLOYMENT,
                        edit(DEPLOYMENT_LIVE, "image: nginx:1.27", "image: nginx:1.27\n          workingDir: /srv"),
                        edit(DEPLOYMENT, "image: nginx:1.27", "image: nginx:1.27\n          workingDir: /srv"),
                        List.of("/spec/template/spec/containers/0/workingDir: \"/srv\" -> <removed>"),
                        List.of("remove /spec/template/spec/containers/0/workingDir")),
                update("label key with / is escaped", "ConfigMap", edit(CONFIG_MAP, "name: demo", "name: other"), CONFIG_MAP, null,
                        List.of("/metadata/labels/app.kubernetes.io~1name: \"demo\" -> \"other\""),
                        List.of("replace /metadata/labels/app.kubernetes.io~1name")),
                update("key with ~ is escaped", "ConfigMap", edit(CONFIG_MAP, "  mode: fast", "  mode: fast\n  a~b/c: x"), CONFIG_MAP, null,
                        List.of("/data/a~0b~1c: <absent> -> \"x\""), List.of("add /data/a~0b~1c")),
                update("removed key with / is escaped", "ConfigMap", CONFIG_MAP,
                        edit(CONFIG_MAP, "    app.kubernetes.io/name: demo", "    app.kubernetes.io/name: demo\n    example.com/tier: gold"),
                        edit(CONFIG_MAP, "    app.kubernetes.io/name: demo", "    app.kubernetes.io/name: demo\n    example.com/tier: gold"),
                        List.of("/metadata/labels/example.com~1tier: \"gold\" -> <removed>"),
                        List.of("remove /metadata/labels/example.com~1tier")),
                update("object in Git where live has a scalar", "ConfigMap",
                        edit(CONFIG_MAP, "mode: fast", "mode: {speed: fast}"), CONFIG_MAP, null,
                        List.of("/data/mode: \"fast\" -> {\"speed\":\"fast\"}"), List.of("replace /data/mode")),
                update("Secret values are redacted in changes", "Secret", SECRET, edit(SECRET, "bmV3", "b2xk"), null,
                        List.of("/data/.dockerconfigjson: \"(redacted)\" -> \"(redacted)\""), List.of("replace /data/.dockerconfigjson")),
                update("Secret key removed from Git is redacted too", "Secret", SECRET,
                        edit(SECRET, "  .dockerconfigjson: bmV3", "  .dockerconfigjson: bmV3\n  token: c2VjcmV0"),
                        edit(SECRET, "  .dockerconfigjson: bmV3", "  .dockerconfigjson: bmV3\n  token: \"\""),
                        List.of("/data/token: \"(redacted)\" -> <removed>"), List.of("remove /data/token")),
                update("Secret data missing live is redacted", "Secret", SECRET,
                        edit(SECRET, "data:\n  .dockerconfigjson: bmV3\n", ""), null,
                        List.of("/data: <absent> -> \"(redacted)\""), List.of("add /data")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void drift(Case c) {
        ObjectNode desired = object(c.desired());
        ObjectNode live = object(c.live());
        ObjectNode lastApplied = c.lastApplied() == null ? null : object(c.lastApplied());

        ObjectDiff diff = ObjectDrift.diff(ref(c.kind(), desired), desired, live, lastApplied);

        assertThat(diff.action()).as("%s", diff.changes()).isEqualTo(c.action());
        assertThat(diff.changes()).extracting(FieldChange::toString).containsExactlyElementsOf(c.changes());
        assertThat(ops(diff.patch())).containsExactlyElementsOf(c.ops());
        assertThat(diff.drifted()).isEqualTo(c.action() == Action.UPDATE);
        if (c.action() == Action.UPDATE) {
            assertPatchReachesDesired(diff, desired, live, lastApplied);
        }
    }

    @Test
    void missingLiveIsCreate() {
        ObjectNode desired = object(CONFIG_MAP);

        ObjectDiff diff = ObjectDrift.diff(ref("ConfigMap", desired), desired, null, null);

        assertThat(diff.action()).isEqualTo(Action.CREATE);
        assertThat(diff.drifted()).isTrue();
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.patch()).isEmpty();
    }

    @Test
    void secretPatchCarriesTheRealValue() {
        ObjectNode desired = object(SECRET);
        ObjectDiff diff = ObjectDrift.diff(ref("Secret", desired), desired, object(edit(SECRET, "bmV3", "b2xk")), null);

        assertThat(diff.patch().get(0).path("value").asText()).isEqualTo("bmV3");
        assertThat(diff.changes().toString()).doesNotContain("bmV3", "b2xk");
    }

    @Test
    void templateLlmInferenceServiceRunningUnderKServeIsUnchanged() {
        ObjectNode desired = templateLlmInferenceService();
        ObjectNode live = liveUnderKServe(desired);

        ObjectDiff diff = ObjectDrift.diff(ref("LLMInferenceService", desired), desired, live, Planner.lastAppliedOf(live));

        assertThat(diff.action()).as("%s", diff.changes()).isEqualTo(Action.UNCHANGED);
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.patch()).isEmpty();
    }

    @Test
    void templateLlmInferenceServiceScaledToZeroOutOfBandIsCorrected() {
        ObjectNode desired = templateLlmInferenceService();
        ObjectNode live = liveUnderKServe(desired);
        ((ObjectNode) live.get("spec")).put("replicas", 0);
        ((ObjectNode) live.at("/spec/template/containers/0")).put("image", "registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.4");

        ObjectDiff diff = ObjectDrift.diff(ref("LLMInferenceService", desired), desired, live, Planner.lastAppliedOf(live));

        assertThat(diff.changes()).extracting(FieldChange::toString).containsExactly(
                "/spec/replicas: 0 -> 1",
                "/spec/template/containers/0/image: \"registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.4\""
                        + " -> \"registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.5\"");
        assertPatchReachesDesired(diff, desired, live, Planner.lastAppliedOf(live));
        assertThat(JsonPatch.apply(diff.patch(), live).at("/status/conditions/0/type").asText())
                .as("status written by KServe survives the patch").isEqualTo("Ready");
    }

    @Test
    void templateLlmInferenceServiceFieldRemovedFromGitIsRemovedLive() {
        ObjectNode desired = templateLlmInferenceService();
        ObjectNode live = liveUnderKServe(desired);
        ObjectNode trimmed = desired.deepCopy();
        ((ObjectNode) trimmed.at("/spec/template")).remove("nodeSelector");

        ObjectDiff diff = ObjectDrift.diff(ref("LLMInferenceService", trimmed), trimmed, live, Planner.lastAppliedOf(live));

        assertThat(diff.action()).isEqualTo(Action.UPDATE);
        assertThat(diff.changes()).extracting(FieldChange::path).containsExactly("/spec/template/nodeSelector");
        assertThat(ops(diff.patch())).containsExactly("remove /spec/template/nodeSelector");
        assertPatchReachesDesired(diff, trimmed, live, Planner.lastAppliedOf(live));
    }

    @Test
    void objectControlledByAnotherControllerIsSkippedEvenWhenItDiffers() {
        String route = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: qwen2-3b-pattern1-kserve-route
                  namespace: llm-d-inference-scheduling
                spec:
                  hostnames: [a.example.com]
                """;
        String live = edit(route, "  namespace: llm-d-inference-scheduling\n", "  namespace: llm-d-inference-scheduling\n"
                + "  ownerReferences:\n"
                + "    - apiVersion: serving.kserve.io/v1alpha1\n"
                + "      kind: LLMInferenceService\n"
                + "      name: qwen2-3b-pattern1\n"
                + "      uid: 5f0c7a52-0d8e-4b43-9b7c-2a1f1f0d6c11\n"
                + "      controller: true\n"
                + "      blockOwnerDeletion: true\n").replace("a.example.com", "b.example.com");
        ObjectNode desired = object(route);

        ObjectDiff diff = ObjectDrift.diff(ref("HTTPRoute", desired), desired, object(live), null);
        ObjectDiff prune = ObjectDrift.prune(ref("HTTPRoute", desired), object(live));

        assertThat(diff.action()).isEqualTo(Action.SKIP);
        assertThat(diff.reason()).contains("LLMInferenceService/qwen2-3b-pattern1");
        assertThat(diff.patch()).isEmpty();
        assertThat(diff.drifted()).isFalse();
        assertThat(prune.action()).isEqualTo(Action.SKIP);
        assertThat(prune.reason()).contains("not pruned");
    }

    @Test
    void ownerReferenceWithoutControllerDoesNotSkip() {
        ObjectNode desired = object(CONFIG_MAP);
        ObjectNode live = object(edit(CONFIG_MAP, "mode: fast", "mode: slow"));
        ((ObjectNode) live.get("metadata")).putArray("ownerReferences").addObject()
                .put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "parent").put("uid", "x");

        assertThat(ObjectDrift.diff(ref("ConfigMap", desired), desired, live, null).action()).isEqualTo(Action.UPDATE);
        assertThat(ObjectDrift.prune(ref("ConfigMap", desired), live).action()).isEqualTo(Action.PRUNE);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The patch must turn live into desired: a second diff of the patched object finds nothing. */
    static void assertPatchReachesDesired(ObjectDiff diff, ObjectNode desired, ObjectNode live, ObjectNode lastApplied) {
        JsonNode patched = JsonPatch.apply(diff.patch(), live);
        ObjectDiff again = ObjectDrift.diff(diff.ref(), desired, (ObjectNode) patched, lastApplied);
        assertThat(again.action()).as("after applying %s: %s", diff.patch(), again.changes()).isEqualTo(Action.UNCHANGED);
    }

    /** The template's LLMInferenceService, loaded as the agent loads it and stamped as the planner stamps it. */
    static ObjectNode templateLlmInferenceService() {
        DesiredState state = StackLoader.load("rev", StackLoader.readDirectory(Path.of("config-repo-template")));
        DesiredObject o = state.stacks().get(0).objects().stream()
                .filter(d -> d.ref().kind().equals("LLMInferenceService")).findFirst().orElseThrow();
        return Ownership.stamp(o, "qwen2-3b-pattern1");
    }

    /** The object as the cluster holds it after the agent applied it and KServe reconciled it. */
    static ObjectNode liveUnderKServe(ObjectNode stamped) {
        ObjectNode live = stamped.deepCopy();
        ((ObjectNode) live.get("metadata")).putObject("annotations")
                .put(Ownership.LAST_APPLIED, Ownership.lastAppliedRecord(stamped).toString());
        merge(live, resource("/diff/llminferenceservice-server-fields.yaml"));
        return live;
    }

    /** Deep merge; lists merge item by item. */
    static void merge(JsonNode target, JsonNode overlay) {
        if (target instanceof ObjectNode t && overlay.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode existing = t.get(f.getKey());
                if (existing != null && existing.isContainerNode() && f.getValue().isContainerNode()) {
                    merge(existing, f.getValue());
                } else {
                    t.set(f.getKey(), f.getValue().deepCopy());
                }
            }
        } else if (target instanceof ArrayNode t && overlay.isArray()) {
            for (int i = 0; i < overlay.size(); i++) {
                if (i < t.size()) merge(t.get(i), overlay.get(i));
                else t.add(overlay.get(i).deepCopy());
            }
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = ObjectDriftTest.class.getResourceAsStream(name)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectRef ref(String kind, JsonNode body) {
        return new ObjectRef(body.path("apiVersion").asText(), kind, body.at("/metadata/namespace").asText(null),
                body.at("/metadata/name").asText());
    }

    static List<String> ops(ArrayNode patch) {
        List<String> out = new ArrayList<>();
        patch.forEach(op -> out.add(op.path("op").asText() + " " + op.path("path").asText()));
        return out;
    }
}
