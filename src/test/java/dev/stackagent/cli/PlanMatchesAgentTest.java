package dev.stackagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.desired.Yaml;
import dev.stackagent.gke.NodePools;
import dev.stackagent.policy.Policy;
import dev.stackagent.sync.PreviewParts;
import dev.stackagent.sync.StackPreviewer;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * One preview for the CLI and the agent: over a table of cluster states, {@code plan --output json
 * --kubeconfig} shows exactly the objects and node pools of the agent's own {@link StackPreviewer}
 * preview of the same revision, cluster and instant.
 */
@QuarkusMainTest
class PlanMatchesAgentTest {
    static final String AT = "2026-11-30T12:00:00+01:00"; // a Monday noon: awake
    static final String NIGHT = "2026-11-30T23:00:00+01:00";

    record Case(String name, String at, Consumer<KubernetesClient> cluster) {
    }

    static final List<Case> CASES = List.of(
            new Case("empty cluster", AT, c -> { }),
            new Case("synced by the agent", AT, PlanMatchesAgentTest::syncedByTheAgent),
            new Case("synced, at night", NIGHT, PlanMatchesAgentTest::syncedByTheAgent),
            new Case("out-of-band edit", AT, c -> {
                syncedByTheAgent(c);
                c.genericKubernetesResources("networking.k8s.io/v1", "NetworkPolicy").inNamespace(CliTest.NAMESPACE)
                        .withName("default-deny").edit(np -> {
                            np.getAdditionalProperties().put("spec", Map.of("podSelector", Map.of()));
                            return np;
                        });
            }),
            new Case("namespace not created by the agent", AT, c -> c.namespaces().resource(new NamespaceBuilder()
                    .withNewMetadata().withName(CliTest.NAMESPACE).endMetadata().build()).create()),
            new Case("an object of the inventory no longer in Git", AT, c -> {
                syncedByTheAgent(c);
                Stack seed = seed();
                var extra = new ConfigMapBuilder().withNewMetadata().withName("old-settings").withNamespace(CliTest.NAMESPACE)
                        .addToLabels("app.kubernetes.io/managed-by", "stack-agent").addToLabels("stack-agent.dev/stack", seed.name())
                        .endMetadata().build();
                c.configMaps().resource(extra).create();
                c.configMaps().inNamespace("stack-agent").withName("stack-agent-inventory-" + seed.name()).edit(cm -> {
                    cm.getData().put("objects", cm.getData().get("objects") + "v1|ConfigMap|" + CliTest.NAMESPACE + "|old-settings\n");
                    return cm;
                });
            }));

    static Stack seed() {
        return StackLoader.load("rev", StackLoader.readDirectory(CliTest.TEMPLATE)).stacks().get(0);
    }

    static void syncedByTheAgent(KubernetesClient client) {
        new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE),
                Clock.fixed(OffsetDateTime.parse(AT).toInstant(), java.time.ZoneOffset.UTC)).sync(seed(), "rev");
    }

    @Test
    void planShowsTheAgentsOwnPreviewForEveryClusterState(QuarkusMainLauncher launcher, @TempDir Path tmp) throws Exception {
        for (Case c : CASES) {
            try (SeedCluster cluster = new SeedCluster()) {
                KubernetesClient client = cluster.client;
                c.cluster().accept(client);
                Path kubeconfig = cluster.kubeconfig(tmp.resolve("kubeconfig-" + CASES.indexOf(c)));

                LaunchResult cli = launcher.launch("plan", CliTest.TEMPLATE.toString(), "--kubeconfig", kubeconfig.toString(),
                        "--at", c.at(), "-o", "json");
                var preview = new StackPreviewer(PreviewParts.of(client, "stack-agent", NodePools.notManaged(), Policy.defaults()))
                        .preview(seed(), OffsetDateTime.parse(c.at()).toInstant());
                StringWriter agent = new StringWriter();
                PlanRenderer.json(new PlanReport(List.of(PlanCommand.report(preview, null, false)), List.of()), new PrintWriter(agent));

                String out = cli.getOutput();
                JsonNode shown = Yaml.JSON.readTree(out.substring(out.indexOf("\n{") + 1)).path("stacks").path(0); // logs before it in tests
                JsonNode own = Yaml.JSON.readTree(agent.toString()).path("stacks").path(0);
                assertThat(shown.path("objects")).as(c.name() + ": objects\n" + cli.getOutput()).isEqualTo(own.path("objects"));
                assertThat(shown.path("nodePools")).as(c.name() + ": node pools").isEqualTo(own.path("nodePools"));
                assertThat(own.path("objects").size()).as(c.name()).isPositive();
            }
        }
    }
}
