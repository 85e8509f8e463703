package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.SecretCopy;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackConfig;
import dev.stackagent.diff.Action;
import dev.stackagent.gke.NodePools;
import dev.stackagent.apply.WriteListener;
import dev.stackagent.plan.Ownership;
import dev.stackagent.policy.HardRules;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * Adoption is explicit, end to end on the test server: pre-existing namespaces and objects the agent
 * did not create are neither changed nor deleted, across a sync and the removal of the stack from
 * Git; an admin's annotation or a policy entry adopts them, and an adopted namespace is let go,
 * never deleted; an object of another stack is never moved; Secret copies need the policy or the
 * source's opt-in.
 */
@EnableKubernetesMockClient(crud = true)
class AdoptionTest {
    KubernetesClient client;
    KubernetesMockServer server;
    RequestLog requests;

    static final String NS = "llm";

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build())
                .createOr(r -> r.update());
        requests = new RequestLog(server);
    }

    StackSync sync(Policy policy) {
        SyncParts parts = SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE, WriteListener.NONE, policy);
        return new StackSync(parts, Clock.systemUTC());
    }

    static Stack stack() {
        return StackSyncTest.stack("", Map.of("config.yaml", StackSyncTest.CONFIG));
    }

    void preexisting(Map<String, String> nsAnnotations) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted")).withAnnotations(nsAnnotations)
                .endMetadata().build()).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .withData(Map.of("maxModelLen", "4096", "owner", "platform")).build()).create();
    }

    @Test
    void preexistingNamespaceAndObjectAreNeitherChangedNorDeletedAcrossSyncAndRemoval() {
        preexisting(Map.of());
        Namespace nsBefore = client.namespaces().withName(NS).get();
        ConfigMap cmBefore = client.configMaps().inNamespace(NS).withName("settings").get();
        StackSync sync = sync(Policy.defaults());
        requests.clear();

        SyncResult r = sync.sync(stack(), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("Namespace llm exists and was not created by stack-agent")
                .contains("kubectl annotate namespace llm " + HardRules.ADOPT_ANNOTATION + "=demo")
                .contains("ConfigMap llm/settings");
        assertThat(r.drift()).filteredOn(d -> d.action() == Action.CONFLICT).hasSize(2);
        assertThat(requests.writes()).as("nothing written when the plan has a conflict").isEmpty();

        SyncResult removed = sync.remove("demo", "rev2");
        assertThat(removed.status()).isEqualTo(SyncStatus.Synced);
        assertThat(client.namespaces().withName(NS).get().getMetadata().getResourceVersion())
                .isEqualTo(nsBefore.getMetadata().getResourceVersion());
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getMetadata().getResourceVersion())
                .isEqualTo(cmBefore.getMetadata().getResourceVersion());
    }

    @Test
    void adminAnnotationAdoptsAndTheAdoptedNamespaceIsLetGoNotDeletedWhenTheStackLeavesGit() {
        preexisting(Map.of(HardRules.ADOPT_ANNOTATION, "demo"));
        client.configMaps().inNamespace(NS).withName("settings").edit(cm -> {
            cm.getMetadata().setAnnotations(Map.of(HardRules.ADOPT_ANNOTATION, "demo"));
            return cm;
        });
        StackSync sync = sync(Policy.defaults());

        SyncResult r = sync.sync(stack(), "rev1");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(r.changes().count(ChangeSet.Result.CONFIGURED)).isEqualTo(2);
        ConfigMap cm = client.configMaps().inNamespace(NS).withName("settings").get();
        assertThat(cm.getData()).containsEntry("maxModelLen", "2048").containsEntry("owner", "platform");
        assertThat(cm.getMetadata().getLabels()).containsEntry(Ownership.STACK_LABEL, "demo");
        assertThat(sync.sync(stack(), "rev1").changes().count(ChangeSet.Result.UNCHANGED)).as("adopted: in sync").isEqualTo(2);

        SyncResult removed = sync.remove("demo", "rev2");

        assertThat(removed.status()).isEqualTo(SyncStatus.Synced);
        assertThat(client.namespaces().withName(NS).get()).as("an adopted namespace is never deleted").isNotNull();
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).as("adopted objects are let go").isNotNull();
        assertThat(removed.changes().count(ChangeSet.Result.PRUNED)).isZero();
    }

    @Test
    void policyEntryAdoptsAndMarksTheObjectSoAPruneLetsItGo() {
        preexisting(Map.of());
        Policy policy = PolicyLoader.parse("policy.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                adoption:
                  - {stack: demo, kind: Namespace, name: llm}
                  - {stack: demo, kind: ConfigMap, namespace: llm, name: settings}
                """.getBytes(StandardCharsets.UTF_8));
        StackSync sync = sync(policy);

        assertThat(sync.sync(stack(), "rev1").status()).isEqualTo(SyncStatus.Synced);
        assertThat(client.namespaces().withName(NS).get().getMetadata().getAnnotations())
                .containsEntry(HardRules.ADOPT_ANNOTATION, "demo");
        SyncResult again = sync.sync(stack(), "rev1");
        assertThat(again.status()).as("the adoption mark is kept, never diffed away").isEqualTo(SyncStatus.Synced);
        assertThat(again.changes().count(ChangeSet.Result.UNCHANGED)).isEqualTo(2);

        sync.remove("demo", "rev2");
        assertThat(client.namespaces().withName(NS).get()).isNotNull();
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNotNull();
    }

    @Test
    void aNamespaceTheAgentCreatedIsStillPrunedWithTheStack() {
        StackSync sync = sync(Policy.defaults());
        assertThat(sync.sync(stack(), "rev1").status()).isEqualTo(SyncStatus.Synced);

        sync.remove("demo", "rev2");

        assertThat(client.configMaps().inNamespace(NS).withName("settings").get()).isNull();
        Namespace ns = client.namespaces().withName(NS).get();
        assertThat(ns == null || ns.getMetadata().getDeletionTimestamp() != null).isTrue();
    }

    @Test
    void anObjectOfAnotherStackIsNeverMovedEvenWithTheAdoptAnnotation() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, "other"))
                .withAnnotations(Map.of(HardRules.ADOPT_ANNOTATION, "demo")).endMetadata().build()).create();

        SyncResult r = sync(Policy.defaults()).sync(stack(), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("Namespace llm already managed by stack-agent for stack other");
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels()).containsEntry(Ownership.STACK_LABEL, "other");
    }

    @Test
    void secretCopyNeedsThePolicyOrTheSourcesOptIn() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("registry").endMetadata().build()).create();
        client.secrets().inNamespace("registry").resource(new SecretBuilder().withNewMetadata().withName("pull").endMetadata()
                .withType("kubernetes.io/dockerconfigjson").withData(Map.of(".dockerconfigjson", "e30=")).build()).create();
        Stack stack = StackSyncTest.stack("""
                secretCopies:
                  - {fromNamespace: registry, fromName: pull, namespace: llm}
                """, Map.of("config.yaml", StackSyncTest.CONFIG));
        StackSync sync = sync(Policy.defaults());

        SyncResult refused = sync.sync(stack, "rev1");

        assertThat(refused.status()).isEqualTo(SyncStatus.Failed);
        assertThat(refused.error()).contains("registry/pull").contains(HardRules.COPY_TO_ANNOTATION + "=llm");
        assertThat(client.namespaces().withName(NS).get()).as("nothing applied").isNull();

        client.secrets().inNamespace("registry").withName("pull").edit(s -> {
            s.getMetadata().setAnnotations(Map.of(HardRules.COPY_TO_ANNOTATION, "other, llm"));
            return s;
        });
        SyncResult copied = sync.sync(stack, "rev1");

        assertThat(copied.status()).as(String.valueOf(copied.error())).isEqualTo(SyncStatus.Synced);
        assertThat(client.secrets().inNamespace(NS).withName("pull").get().getData()).containsEntry(".dockerconfigjson", "e30=");
    }

    @Test
    void secretsOfTheAgentsNamespaceAreNeverCopiedWhateverThePolicySays() {
        client.secrets().inNamespace("stack-agent").resource(new SecretBuilder().withNewMetadata().withName("stack-agent-git")
                .withAnnotations(Map.of(HardRules.COPY_TO_ANNOTATION, "llm")).endMetadata()
                .withStringData(Map.of("token", "ghp_secret")).build()).create();
        Policy wide = PolicyLoader.parse("p.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: AgentPolicy
                secretCopies:
                  allowed: [{namespace: "*", name: "*"}]
                """.getBytes(StandardCharsets.UTF_8));
        // a stack that slipped past validation (e.g. checked with another agent namespace): the sync refuses it again
        Stack valid = StackSyncTest.stack("", Map.of());
        StackConfig c = valid.config();
        Stack stack = new Stack(valid.name(), valid.dir(), new StackConfig(c.apiVersion(), c.kind(), c.cluster(), c.namespaces(),
                c.manifests(), List.of(new SecretCopy("stack-agent", "stack-agent-git", NS, null)), c.nodePools(), c.schedule(),
                c.verification(), c.options()), valid.objects());
        requests.clear();

        SyncResult r = sync(wide).sync(stack, "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.error()).contains("agent's own namespace").doesNotContain("ghp_secret");
        assertThat(requests.drain()).noneMatch(p -> p.contains("/namespaces/stack-agent/secrets"));
    }
}
