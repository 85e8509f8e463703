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
        changed.clear();
    }

    private ConfigMap editOutOfBand(String name, String value) {
        return client.configMaps().inNamespace("llm").withName(name).edit(cm -> {
            cm.getData().put("k", value);
            return cm;
        });
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
        configMap("sentinel", managed("sentinel"));
        startAndDrainInitialList();
        ConfigMap written = editOutOfBand("own", "applied by the agent");
        ownWrites.record("ConfigMap", "llm", "own", written.getMetadata().getResourceVersion());
        editOutOfBand("sentinel", "changed");
        await().atMost(DEADLINE).until(() -> changed.contains("sentinel"));
        assertThat(changed).doesNotContain("qwen");
    }
}
