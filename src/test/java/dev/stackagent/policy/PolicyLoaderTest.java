package dev.stackagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy file as the platform team writes it: strict, every mistake named, no silent fallback to defaults. */
class PolicyLoaderTest {
    static Policy parse(String yaml) {
        return PolicyLoader.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static final String HEAD = "apiVersion: stack-agent.dev/v1alpha1\nkind: AgentPolicy\n";

    @Test
    void noFileMeansTheBuiltInPolicyWhichAllowsTheSeedAndNoMore() {
        Policy p = PolicyLoader.load(null);
        assertThat(p.kinds()).extracting(Policy.GroupKind::toString).containsExactly("ServiceAccount", "ConfigMap", "Secret",
                "NetworkPolicy.networking.k8s.io", "LLMInferenceService.serving.kserve.io");
        assertThat(p.namespaces().platform()).contains("istio-system", "cert-manager", "opendatahub", "lws-system", "gke-*", "gmp-*");
        assertThat(p.nodePools().machineTypes()).containsExactly("ct6e-standard-4t");
        assertThat(p.nodePools().adoptable()).isEmpty();
        assertThat(p.adoption()).isEmpty();
        assertThat(p.secretCopies().allows("istio-system", "redhat-pull-secret")).isTrue();
        assertThat(p.secretCopies().allows("istio-system", "other")).isFalse();
    }

    @Test
    void aSectionLeftOutKeepsItsDefaultsAndAGivenOneReplacesThem() {
        Policy p = parse(HEAD + "nodePools:\n  maxNodes: 8\n  machineTypes: [\"ct6e-*\", n1-standard-4]\n");
        assertThat(p.nodePools().maxNodes()).isEqualTo(8);
        assertThat(p.nodePools().maxDiskSizeGb()).isEqualTo(500);
        assertThat(p.nodePools().machineTypes()).containsExactly("ct6e-*", "n1-standard-4");
        assertThat(p.kinds()).isEqualTo(Policy.defaults().kinds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field          | namespaces:\\n  allow: [x]                 | policy.yaml:4: field namespaces.allow: unknown field 'allow'",
            "wrong type             | nodePools:\\n  maxNodes: many             | field nodePools.maxNodes",
            "duplicate key          | nodePools:\\n  maxNodes: 1\\n  maxNodes: 9 | Duplicate field 'maxNodes'",
            "zero bound             | verification:\\n  maxLoadRequests: 0      | field verification.maxLoadRequests: must be greater than 0",
            "Namespace as a kind    | kinds:\\n  - {kind: Namespace}             | field kinds[0]: Namespaces are declared under namespaces:",
            "adoption without name  | adoption:\\n  - {stack: s, kind: ConfigMap} | field adoption[0]: stack, kind and name are required"})
    void mistakesAreNamed(String what, String body, String message) {
        assertThatThrownBy(() -> parse(HEAD + body.replace("\\n", "\n"))).isInstanceOf(PolicyException.class).hasMessageContaining(message);
    }

    @Test
    void wrongKindOrVersionIsRefused() {
        assertThatThrownBy(() -> parse("apiVersion: v1\nkind: Policy\n")).hasMessageContaining("field apiVersion: must be stack-agent.dev/v1alpha1")
                .hasMessageContaining("field kind: must be AgentPolicy");
    }

    @Test
    void aMissingFileIsAnErrorNotTheDefaults(@TempDir Path tmp) {
        assertThatThrownBy(() -> PolicyLoader.load(tmp.resolve("policy.yaml"))).isInstanceOf(PolicyException.class)
                .hasMessage(tmp.resolve("policy.yaml") + ": policy file not found");
    }

    @Test
    void theShippedConfigMapIsReadAsThePolicy(@TempDir Path tmp) throws Exception {
        Path cm = Files.writeString(tmp.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: stack-agent-policy}
                data:
                  policy.yaml: |
                    apiVersion: stack-agent.dev/v1alpha1
                    kind: AgentPolicy
                    nodePools: {adoptable: [tpu-v6e-pool]}
                """);
        assertThat(PolicyLoader.load(cm).nodePools().adoptable("tpu-v6e-pool")).isTrue();
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({"gke-*, gke-managed-system, true", "gke-*, gke, false", "*.svc, qwen.llm.svc, true", "*.svc, evil.com, false",
            "ct6e-standard-?t, ct6e-standard-4t, true", "ct6e-standard-?t, ct6e-standard-44t, false", "*, '', true", "a*b*c, aXbYc, true"})
    void patternsAreShellGlobs(String pattern, String value, boolean match) {
        assertThat(Patterns.matches(pattern, value)).isEqualTo(match);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "kube-system | kube-system | belongs to the cluster",
            "default     | default     | belongs to the cluster",
            "agent       | stack-agent | agent's own",
            "platform    | gmp-public  | platform namespace",
            "allowed     | llm-team    | ''"})
    void hardRulesOnNamespacesHoldWhateverThePolicyAllows(String what, String namespace, String refusal) {
        Policy wide = parse(HEAD + "namespaces:\n  allowed: [\"*\"]\n");
        String r = HardRules.namespaceRefusal(wide, "stack-agent", namespace);
        if (refusal.isEmpty()) {
            assertThat(r).isNull();
        } else {
            assertThat(r).contains(refusal);
        }
    }
}
