package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
class ManagedObjectWatcherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    KubernetesClient client;

    private final List<String> changed = new CopyOnWriteArrayList<>();
    private final OwnWrites ownWrites = new OwnWrites();
    private ManagedObjectWatcher watcher;

    @BeforeEach
    void start() {
        watcher = new ManagedObjectWatcher(client, List.of(new WatchedKind("v1", "ConfigMap")), changed::add, ownWrites);
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    private ConfigMap configMap(String name, Map<String, String> labels) {
        return client.configMaps().inNamespace("llm").resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace("llm").withLabels(labels).endMetadata()
                .addToData("k", "v1").build()).create();
    }

    private static Map<String, String> managed(String stack) {
        return Map.of("app.kubernetes.io/managed-by", "stack-agent", "stack-agent.dev/stack", stack);
    }

    private void startAndDrainInitialList() {
        watcher.start();
        await().atMost(DEADLINE).until(watcher::synced);
        drainEvents(); // the initial list's adds are delivered before the drain object's event
        changed.clear();
    }

    private ConfigMap editOutOfBand(String name, String value) {
        return client.configMaps().inNamespace("llm").withName(name).edit(cm -> {
            cm.getData().put("k", value);
            return cm;
        });
    }

    /** Waits until every event caused before this call has been handled (the informer delivers them in order). */
    private void drainEvents() {
        if (client.configMaps().inNamespace("llm").withName("drain").get() == null) {
            configMap("drain", managed("drain"));
        } else {
            editOutOfBand("drain", "drained " + System.nanoTime());
        }
        await().atMost(DEADLINE).until(() -> changed.contains("drain"));
        changed.removeIf("drain"::equals);
    }

    private static String version(ConfigMap cm) {
        return cm.getMetadata().getResourceVersion();
    }

    @Test
    void initialListReportsEachManagedObjectsStack() {
        configMap("vllm-config", managed("qwen"));
        watcher.start();
        await().atMost(DEADLINE).until(() -> changed.contains("qwen"));
    }

    @Test
    void anOutOfBandEditQueuesItsStack() {
        configMap("vllm-config", managed("qwen"));
        startAndDrainInitialList();
        editOutOfBand("vllm-config", "drifted");
        await().atMost(DEADLINE).until(() -> changed.contains("qwen"));
        assertThat(changed).containsOnly("qwen");
    }

    @Test
    void aDeletionQueuesItsStack() {
        configMap("vllm-config", managed("qwen"));
        startAndDrainInitialList();
        client.configMaps().inNamespace("llm").withName("vllm-config").delete();
        await().atMost(DEADLINE).until(() -> changed.contains("qwen"));
    }

    @Test
    void unlabelledObjectsAreNotReported() {
        configMap("foreign", Map.of("stack-agent.dev/stack", "not-managed"));
        configMap("sentinel", managed("sentinel"));
        startAndDrainInitialList();
        editOutOfBand("foreign", "changed");
        editOutOfBand("sentinel", "changed");
        await().atMost(DEADLINE).until(() -> changed.contains("sentinel"));
        assertThat(changed).doesNotContain("not-managed");
    }

    @Test
    void theAgentsOwnWritesAreNotReported() {
        configMap("own", managed("qwen"));
        startAndDrainInitialList();
        // as the applier does: announce, write, record; the watch event may come at any point
        ownWrites.begin("ConfigMap", "llm", "own");
        ConfigMap written = editOutOfBand("own", "applied by the agent");
        ownWrites.record("ConfigMap", "llm", "own", version(written));
        drainEvents();
        assertThat(changed).doesNotContain("qwen");
        assertThat(ownWrites.writing("ConfigMap", "llm", "own")).isFalse();
    }

    @Test
    void anObjectTheAgentCreatesIsNotReported() {
        startAndDrainInitialList();
        ownWrites.begin("ConfigMap", "llm", "created");
        ConfigMap created = configMap("created", managed("qwen"));
        ownWrites.record("ConfigMap", "llm", "created", version(created));
        drainEvents();
        assertThat(changed).doesNotContain("qwen");
    }

    @Test
    void anOutOfBandEditLandingWhileTheAgentWritesIsReportedWhenTheWriteEnds() {
        configMap("own", managed("qwen"));
        startAndDrainInitialList();
        ownWrites.begin("ConfigMap", "llm", "own");
        ConfigMap written = editOutOfBand("own", "applied by the agent");
        ConfigMap drifted = editOutOfBand("own", "edited by someone else");
        assertThat(Long.parseLong(version(drifted))).isGreaterThan(Long.parseLong(version(written)));
        drainEvents(); // both events have arrived and are held while the write is in flight
        assertThat(changed).doesNotContain("qwen");

        ownWrites.record("ConfigMap", "llm", "own", version(written)); // releases the held events on this thread
        assertThat(changed).containsExactly("qwen"); // the out-of-band edit, once; the agent's echo dropped
    }

    @Test
    void aFailedWriteReleasesItsHeldEvents() {
        configMap("own", managed("qwen"));
        startAndDrainInitialList();
        ownWrites.begin("ConfigMap", "llm", "own");
        editOutOfBand("own", "edited by someone else"); // the agent's own write then fails (say, a 409)
        drainEvents();
        assertThat(changed).doesNotContain("qwen");

        ownWrites.abort("ConfigMap", "llm", "own");
        assertThat(changed).containsExactly("qwen");
        assertThat(ownWrites.writing("ConfigMap", "llm", "own")).isFalse();
    }
}
