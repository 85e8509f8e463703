package dev.stackagent.desired;

import static dev.stackagent.desired.Repo.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;

/**
 * Security: what a committer (who is not a cluster admin) tries, each refused by the built-in policy
 * at validation time, before any write, with file, line, object, field and the policy rule; the
 * seed-like stack itself still loads.
 */
class PolicyValidationTest {
    static final String STACK = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster:
              project: demo-project
              location: europe-west4-a
              name: demo-cluster
            namespaces:
              - name: llm-team
            secretCopies:
              - fromNamespace: istio-system
                fromName: redhat-pull-secret
                namespace: llm-team
            nodePools:
              - name: tpu-pool
                machineType: ct6e-standard-4t
                nodeCount: 1
                autoscaling:
                  enabled: true
                  minNodeCount: 0
                  maxNodeCount: 3
            verification:
              enabled: true
              gateway:
                namespace: opendatahub
                name: inference-gateway
                path: /llm-team/model
              load:
                enabled: false
                requests: 100
                concurrency: 20
            """;
    static final String CM = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: on
            """;

    static Repo repo(String stack, String... manifests) {
        Repo r = Repo.of().file("stacks/team/stack.yaml", stack);
        for (int i = 0; i < manifests.length; i++) {
            r.file("stacks/team/m" + i + ".yaml", manifests[i]);
        }
        return r;
    }

    static List<ValidationError> errors(Repo repo) {
        return StackLoader.load("rev", RepoFiles.of(repo.files()), LoadRules.defaults()).errors();
    }

    @Test
    void seedLikeStackPassesTheDefaultPolicy() {
        DesiredState state = StackLoader.load("rev", RepoFiles.of(repo(STACK, CM).files()), LoadRules.defaults());
        assertThat(state.errors()).isEmpty();
        assertThat(state.stacks()).hasSize(1);
    }

    static Stream<Arguments> committerAttempts() {
        return Stream.of(
                Arguments.of("secret copy from kube-system", replace(STACK, "fromNamespace: istio-system", "fromNamespace: kube-system"),
                        "secretCopies[0].fromNamespace", "never copied"),
                Arguments.of("secret copy from the agent's namespace (its Git token)",
                        replace(replace(STACK, "fromNamespace: istio-system", "fromNamespace: stack-agent"), "fromName: redhat-pull-secret",
                                "fromName: stack-agent-git"), "secretCopies[0].fromNamespace", "agent's own namespace"),
                Arguments.of("claims the agent's namespace", replace(replace(STACK, "- name: llm-team", "- name: stack-agent"),
                        "namespace: llm-team", "namespace: stack-agent"), "namespaces[0].name", "agent's own"),
                Arguments.of("claims istio-system", replace(replace(STACK, "- name: llm-team", "- name: istio-system"),
                        "namespace: llm-team", "namespace: istio-system"), "namespaces[0].name", "platform namespace"),
                Arguments.of("claims opendatahub", replace(replace(STACK, "- name: llm-team", "- name: opendatahub"),
                        "namespace: llm-team", "namespace: opendatahub"), "namespaces[0].name", "platform namespace"),
                Arguments.of("claims kube-system", replace(replace(STACK, "- name: llm-team", "- name: kube-system"),
                        "namespace: llm-team", "namespace: kube-system"), "namespaces[0].name", "belongs to the cluster"),
                Arguments.of("claims default", replace(replace(STACK, "- name: llm-team", "- name: default"),
                        "namespace: llm-team", "namespace: default"), "namespaces[0].name", "belongs to the cluster"),
                Arguments.of("label that opens the agent's NetworkPolicy",
                        replace(STACK, "- name: llm-team", "- name: llm-team\n    labels:\n      stack-agent.dev/webhook-ingress: \"true\""),
                        "namespaces[0].labels.stack-agent.dev/webhook-ingress", "agent's own key"),
                Arguments.of("Pod Security labels",
                        replace(STACK, "- name: llm-team", "- name: llm-team\n    labels:\n      pod-security.kubernetes.io/enforce: privileged"),
                        "namespaces[0].labels.pod-security.kubernetes.io/enforce", "reserved"),
                Arguments.of("1,000-node a3-ultragpu pool", replace(replace(STACK, "machineType: ct6e-standard-4t", "machineType: a3-ultragpu-8g"),
                        "maxNodeCount: 3", "maxNodeCount: 1000"), "nodePools[0].machineType", "not allowed by the policy"),
                Arguments.of("1,000-node pool", replace(STACK, "maxNodeCount: 3", "maxNodeCount: 1000"),
                        "nodePools[0].autoscaling.maxNodeCount", "nodePools.maxNodes"),
                Arguments.of("64 TB disks", replace(STACK, "nodeCount: 1", "nodeCount: 1\n    diskSizeGb: 65536"),
                        "nodePools[0].diskSizeGb", "nodePools.maxDiskSizeGb"),
                Arguments.of("default-pool declared without a machine type",
                        replace(replace(STACK, "- name: tpu-pool", "- name: default-pool"), "    machineType: ct6e-standard-4t\n", ""),
                        "nodePools[0].machineType", "must be declared"),
                Arguments.of("load test of two billion requests", replace(STACK, "requests: 100", "requests: 2000000000"),
                        "verification.load.requests", "verification.maxLoadRequests"),
                Arguments.of("a million concurrent requests", replace(STACK, "concurrency: 20", "concurrency: 1000000"),
                        "verification.load.concurrency", "verification.maxLoadConcurrency"),
                Arguments.of("verification.url anywhere", replace(STACK, "  enabled: true\n  gateway:",
                        "  enabled: true\n  url: https://collector.evil.example.com/steal\n  gateway:"),
                        "verification.url", "not allowed by the policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committerAttempts")
    void committerAttemptIsRefusedNamingFieldLineAndRule(String attempt, String stack, String field, String rule) {
        List<ValidationError> errors = errors(repo(stack, CM));
        assertThat(errors).as(attempt).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("stacks/team/stack.yaml");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(rule);
            assertThat(e.line()).as("line of " + field).isPositive();
        });
    }

    static Stream<Arguments> forbiddenKinds() {
        return Stream.of(
                Arguments.of("""
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: RoleBinding
                        metadata: {name: me-admin}
                        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                        subjects: [{kind: User, name: me}]
                        """, "RoleBinding.rbac.authorization.k8s.io"),
                Arguments.of("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: root}
                        spec:
                          containers: [{name: c, image: busybox, securityContext: {privileged: true}}]
                          volumes: [{name: host, hostPath: {path: /}}]
                        """, "Pod"),
                Arguments.of("""
                        apiVersion: flowcontrol.apiserver.k8s.io/v1
                        kind: FlowSchema
                        metadata: {name: starve}
                        """, "FlowSchema.flowcontrol.apiserver.k8s.io"),
                Arguments.of("""
                        apiVersion: kyverno.io/v1
                        kind: ClusterPolicy
                        metadata: {name: disable-all}
                        """, "ClusterPolicy.kyverno.io"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("forbiddenKinds")
    void kindOutsideTheAllowListIsAValidationErrorNotA403(String manifest, String shown) {
        List<ValidationError> errors = errors(repo(STACK, manifest));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("stacks/team/m0.yaml");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("kind");
            assertThat(e.message()).contains("kind " + shown + " is not allowed by the policy");
        });
    }

    @Test
    void theAgentsOwnKeysAreRefusedOnEveryObjectSoGitCannotMarkItAdoptedOrAnotherStacks() {
        String marked = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  annotations: {stack-agent.dev/adopt: team}
                  labels: {stack-agent.dev/stack: other}
                """;
        assertThat(errors(repo(STACK, marked))).extracting(ValidationError::field)
                .contains("metadata.annotations.stack-agent.dev/adopt", "metadata.labels.stack-agent.dev/stack");
    }

    @Test
    void theMonitoringNamespaceTheAgentsNetworkPolicyTrustsIsAPlatformNamespace() {
        String claims = replace(replace(STACK, "- name: llm-team", "- name: monitoring"), "namespace: llm-team", "namespace: monitoring");
        assertThat(errors(repo(claims, CM))).anySatisfy(e -> assertThat(e.message()).contains("platform namespace"));
    }

    @Test
    void serviceAccountTokenSecretIsRefused() {
        String token = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: agent-token
                  annotations: {kubernetes.io/service-account.name: stack-agent}
                type: kubernetes.io/service-account-token
                """;
        assertThat(errors(repo(STACK, token))).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("type");
            assertThat(e.object()).isEqualTo("Secret llm-team/agent-token");
            assertThat(e.message()).contains("never declared in Git");
        });
    }

    @Test
    void policyAllowListWidensOnlyWhatItNames() {
        Policy withDeployments = PolicyLoader.parse("policy.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                kinds:
                  - {group: "", kind: ConfigMap}
                  - {group: apps, kind: Deployment}
                """.getBytes(StandardCharsets.UTF_8));
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}
                """;
        String sa = """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: runner}
                """;
        List<ValidationError> errors = StackLoader.load("rev", RepoFiles.of(repo(STACK, CM, deployment, sa).files()),
                LoadRules.of(withDeployments)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.object()).isEqualTo("ServiceAccount llm-team/runner");
            assertThat(e.message()).contains("not allowed by the policy");
        });
    }

    @Test
    void oversizedFileIsRefusedBeforeParsingAndOtherStacksStillLoad() {
        String huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: \"" + "x".repeat(2 * 1024 * 1024) + "\"\n";
        Repo r = repo(STACK, huge).file("stacks/other/stack.yaml", replace(replace(STACK, "- name: llm-team", "- name: llm-other"),
                "namespace: llm-team", "namespace: llm-other").replace("tpu-pool", "tpu-other")).file("stacks/other/cm.yaml", CM);
        DesiredState state = StackLoader.load("rev", RepoFiles.of(r.files()), LoadRules.defaults());
        assertThat(state.rejected().get("team")).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("stacks/team/m0.yaml");
            assertThat(e.message()).contains("repository.maxFileBytes").contains("not parsed").doesNotContain("xxxx");
        });
        assertThat(state.stacks()).extracting(Stack::name).containsExactly("other");
    }

    @Test
    void objectCountPerStackIsBounded() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i).append("}\n");
        }
        assertThat(errors(repo(STACK, many.toString()))).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("manifests");
            assertThat(e.message()).contains("202 objects").contains("repository.maxObjectsPerStack");
        });
    }

    @Test
    void symlinkInAStackRejectsItWithoutReadingTheTarget() {
        SortedMap<String, byte[]> files = repo(STACK, CM).files();
        DesiredState state = StackLoader.load("rev", new RepoFiles(files, new TreeSet<>(Set.of("stacks/team/evil.yaml"))),
                LoadRules.defaults());
        assertThat(state.rejected().get("team")).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("stacks/team/evil.yaml");
            assertThat(e.message()).contains("symlink");
        });
    }

    @Test
    void secretCopyFromUnlistedSourceIsLeftToTheSourceOwnersOptInOrRefusedWithoutIt() {
        String unlisted = replace(STACK, "fromName: redhat-pull-secret", "fromName: team-registry");
        assertThat(errors(repo(unlisted, CM))).as("opt-in is checked on the live source at sync").isEmpty();
        Policy noOptIn = PolicyLoader.parse("p.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                secretCopies:
                  sourceOptIn: false
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(StackLoader.load("rev", RepoFiles.of(repo(unlisted, CM).files()), LoadRules.of(noOptIn)).errors())
                .anySatisfy(e -> {
                    assertThat(e.field()).isEqualTo("secretCopies[0]");
                    assertThat(e.message()).contains("istio-system/team-registry").contains("secretCopies.allowed");
                });
    }

    @Test
    void agentNamespaceComesFromTheAgentNotTheDefault() {
        String claims = replace(replace(STACK, "- name: llm-team", "- name: platform-gitops"), "namespace: llm-team",
                "namespace: platform-gitops");
        LoadRules rules = LoadRules.defaults().withAgentNamespace("platform-gitops");
        assertThat(StackLoader.load("rev", RepoFiles.of(repo(claims, CM).files()), rules).errors())
                .anySatisfy(e -> assertThat(e.message()).contains("agent's own"));
    }
}
