package dev.stackagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.config.EventsConfig;
import dev.stackagent.gke.NodePools;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.testing.Stacks;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Created/Configured/Pruned Events on each managed object are off unless
 * {@code stack-agent.events.per-object=true}: a first sync of 500 stacks would otherwise write
 * thousands of them. The Stack resource's own Events do not depend on it.
 */
@EnableKubernetesMockClient(crud = true)
class PerObjectEventsTest {
    KubernetesClient client;
    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;

    @BeforeEach
    void setUp() {
        dev.stackagent.testing.ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
    }

    static EventsConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(EventsConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .build().getConfigMapping(EventsConfig.class);
    }

    @Test
    void perObjectEventsAreOffByDefault() {
        EventsConfig defaults = config(Map.of());
        assertThat(defaults.perObject()).isFalse();

        SyncResult r = sync(AgentBeans.objectEvents(defaults, client, "stack-agent", Clock.systemUTC()));

        assertThat(r.changes().entries()).as("the sync created objects").isNotEmpty();
        assertThat(AgentBeans.objectEvents(defaults, client, "stack-agent", Clock.systemUTC())).isSameAs(EventRecorder.NONE);
        assertThat(client.v1().events().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void perObjectEventsAreWrittenWhenConfigured() {
        EventsConfig on = config(Map.of("stack-agent.events.per-object", "true"));

        sync(AgentBeans.objectEvents(on, client, "stack-agent", Clock.systemUTC()));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.v1().events().inAnyNamespace().list().getItems())
                .extracting(Event::getReason, e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
                .contains(org.assertj.core.groups.Tuple.tuple("Created", "Namespace/llm")));
    }

    private SyncResult sync(EventRecorder events) {
        var stack = Stacks.load(Map.of("stacks/demo/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces:
                  - name: llm
                """));
        SyncResult r = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), events), Clock.systemUTC()).sync(stack, "rev1");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        return r;
    }
}
