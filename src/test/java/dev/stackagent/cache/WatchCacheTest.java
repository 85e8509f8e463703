package dev.stackagent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.gke.NodePools;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.live.ObjectCache.State;
import dev.stackagent.plan.Ownership;
import dev.stackagent.policy.Policy;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import dev.stackagent.triggers.ManagedObjectWatcher;
import dev.stackagent.triggers.OwnWrites;
import dev.stackagent.triggers.WatchedKind;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The running agent's reads from its watches: a new stack's first sync reads none of its objects
 * once the caches have listed; a cached copy older than the agent's own write is read again; an
 * unmanaged object is still found (a conflict, as without the cache); the inventory comes from the
 * cache; deleted objects leave it.
 */
@EnableKubernetesMockClient(crud = true)
class WatchCacheTest {
    static final String NS = "llm";
    static final String STACK_YAML = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces:
              - name: llm
            """;
    static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              maxModelLen: "%s"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: routing
            data:
              mode: prefix
            """;
    static final String ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: vllm
            """;

    KubernetesClient client;
    KubernetesMockServer server;
    OwnWrites ownWrites;
    WatchCache cache;
    ManagedObjectWatcher watcher;
    StackSync sync;
    RequestLog requests;
    /** The stacks the watches reported as changed (the running agent syncs them again). */
    final List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        dev.stackagent.testing.ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them
        TestCrds.installLlmInferenceService(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        ownWrites = new OwnWrites();
        cache = new WatchCache(client, "stack-agent", ownWrites);
        watcher = new ManagedObjectWatcher(client, List.of(new WatchedKind("v1", "Namespace"), new WatchedKind("v1", "ConfigMap"),
                new WatchedKind("v1", "ServiceAccount")), reported::add, ownWrites);
        cache.start();
        watcher.start();
        cache.use(watcher);
        SyncParts parts = SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE, dev.stackagent.app.AgentBeans.ownWritesListener(ownWrites),
                Policy.defaults(), cache, cache.configMaps());
        sync = new StackSync(parts, Clock.systemUTC());
        requests = new RequestLog(server);
        awaitSynced();
    }

    @AfterEach
    void tearDown() {
        watcher.close();
        cache.close();
    }

    static Stack stack(String maxModelLen) {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/demo/stack.yaml", STACK_YAML);
        files.put("stacks/demo/config.yaml", CONFIG.formatted(maxModelLen));
        files.put("stacks/demo/account.yaml", ACCOUNT);
        return Stacks.load(files, Stacks.WIDER_KINDS);
    }

    void awaitSynced() {
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.ready() && watcher.synced() && watcher.watching());
    }

    /** The reads (GET and LIST, watches aside) since the last call. */
    List<String> reads() {
        return requests.drain().stream().filter(r -> r.startsWith("GET ") && !r.contains("watch=true")).toList();
    }

    @Test
    void aNewStacksFirstSyncReadsNoneOfItsObjectsNorItsInventory() {
        requests.clear();

        SyncResult r = sync.sync(stack("2048"), "rev1");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(r.changes().count(ChangeSet.Result.CREATED)).isEqualTo(4);
        assertThat(reads()).as("the namespace does not exist: nothing in it is read, nor the inventory").isEmpty();
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getData()).containsEntry("maxModelLen", "2048");
    }

    @Test
    void theSecondSyncIsServedFromTheStoresOnceTheyShowTheAgentsWrites() {
        sync.sync(stack("2048"), "rev1");
        ObjectRef settings = new ObjectRef("v1", "ConfigMap", NS, "settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(settings).state() == State.FOUND
                && cache.configMaps().get(InventoryStore.PREFIX + "demo").configMap() != null);
        requests.clear();

        SyncResult again = sync.sync(stack("2048"), "rev1");

        assertThat(again.changes().count(ChangeSet.Result.UNCHANGED)).isEqualTo(4);
        assertThat(reads()).as("every object and the inventory from the caches").isEmpty();
        assertThat(new InventoryStore(client, "stack-agent", cache.configMaps()).read("demo").objects()).hasSize(4);
        assertThat(reads()).as("the inventory from the cache").isEmpty();
    }

    @Test
    void aCachedCopyOlderThanTheAgentsOwnWriteIsReadAgain() {
        sync.sync(stack("2048"), "rev1");
        ObjectRef settings = new ObjectRef("v1", "ConfigMap", NS, "settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(settings).state() == State.FOUND);
        String cached = cache.lookup(settings).object().path("metadata").path("resourceVersion").asText();

        ownWrites.begin("ConfigMap", NS, "settings");
        assertThat(cache.lookup(settings).state()).as("a write in flight").isEqualTo(State.UNKNOWN);
        ownWrites.record("ConfigMap", NS, "settings", String.valueOf(Long.parseLong(cached) + 1000));
        assertThat(cache.lookup(settings).state()).as("the store has not seen the agent's write").isEqualTo(State.UNKNOWN);
        requests.clear();

        SyncResult r = sync.sync(stack("4096"), "rev2");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        assertThat(reads()).as("read from the API server instead").contains("GET /api/v1/namespaces/llm/configmaps/settings");
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getData()).containsEntry("maxModelLen", "4096");
    }

    @Test
    void aStaleCopyAfterTheAgentsWriteNeverCreatesTwiceNorLosesAnUpdate() {
        for (int i = 0; i < 5; i++) {
            SyncResult r = sync.sync(stack(String.valueOf(1000 + i)), "rev" + i); // back to back: the watch may lag the writes
            assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
            assertThat(r.changes().count(ChangeSet.Result.FAILED)).isZero();
        }
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getData()).containsEntry("maxModelLen", "1004");
        assertThat(client.configMaps().inNamespace(NS).list().getItems()).hasSize(2);
    }

    @Test
    void anUnmanagedObjectInAnExistingNamespaceIsStillReadAndIsAConflict() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .withData(Map.of("owner", "platform")).build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(new ObjectRef("v1", "Namespace", null, NS)).state() == State.FOUND);
        requests.clear();

        SyncResult r = sync.sync(stack("2048"), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.drift()).filteredOn(d -> d.action() == Action.CONFLICT).extracting(d -> d.ref().name()).contains(NS, "settings");
        assertThat(reads()).as("not in the agent's stores: read").anyMatch(q -> q.startsWith("GET /api/v1/namespaces/llm/configmaps"));
        assertThat(client.configMaps().inNamespace(NS).withName("settings").get().getData()).containsEntry("owner", "platform");
    }

    @Test
    void deletedObjectsLeaveTheCacheAndOnlyAMissingNamespaceMakesThemAbsent() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, "demo")).endMetadata().build()).create();
        ObjectRef settings = new ObjectRef("v1", "ConfigMap", NS, "settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(settings).state() == State.FOUND);

        client.configMaps().inNamespace(NS).withName("settings").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(settings).state() == State.UNKNOWN);
        assertThat(cache.lookup(new ObjectRef("v1", "ConfigMap", NS, "other"))).as("may exist unmanaged").extracting(l -> l.state())
                .isEqualTo(State.UNKNOWN);

        client.namespaces().withName(NS).delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.lookup(settings).state() == State.ABSENT);
        assertThat(cache.lookup(new ObjectRef("v1", "Namespace", null, NS)).state()).isEqualTo(State.ABSENT);
    }

    @Test
    void theInventoryIsReadFromTheCacheAndADeletedOneIsNotServedStale() {
        InventoryStore inventories = new InventoryStore(client, "stack-agent", cache.configMaps());
        sync.sync(stack("2048"), "rev1");
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.configMaps().get(InventoryStore.PREFIX + "demo").configMap() != null);
        requests.clear();

        assertThat(inventories.read("demo").objects()).hasSize(4);
        assertThat(inventories.stacks()).containsExactly("demo");
        assertThat(reads()).as("from the cache").isEmpty();

        inventories.delete("demo");
        assertThat(inventories.read("demo").objects()).as("deleted by the agent: never the stale copy").isEmpty();
    }

    /**
     * The inventory ConfigMap carries the stack's label, so the watch on managed ConfigMaps sees it: the agent's own
     * write of it is not a change (it made every new stack sync twice, half a second apart).
     */
    @Test
    void theAgentsOwnInventoryWriteIsNotReportedAsAChange() {
        SyncResult r = sync.sync(stack("2048"), "rev1");
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        // someone else's write after the sync's: the ConfigMap watch reports events in order, so once it reports this one
        // it has decided on the inventory's
        client.configMaps().inNamespace("stack-agent").resource(new ConfigMapBuilder().withNewMetadata().withName("marker")
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, "marker")).endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported.contains("marker"));

        assertThat(client.configMaps().inNamespace("stack-agent").withName(InventoryStore.PREFIX + "demo").get()).isNotNull();
        assertThat(reported).as("the sync's own writes, its inventory among them, are not changes").doesNotContain("demo");
    }

    /** The sleep progress ConfigMap carries the stack's label too: its write is the agent's own, and it is read from the cache. */
    @Test
    void theAgentsOwnSleepProgressWriteIsNotReportedAndIsReadFromTheCache() {
        dev.stackagent.sync.SleepProgressStore progress = new dev.stackagent.sync.SleepProgressStore(client, "stack-agent", cache.configMaps());
        progress.write("demo", dev.stackagent.schedule.TransitionProgress.settled(dev.stackagent.schedule.SleepPhase.Asleep,
                java.time.Instant.parse("2026-12-02T20:00:00Z")));
        client.configMaps().inNamespace("stack-agent").resource(new ConfigMapBuilder().withNewMetadata().withName("marker")
                .withLabels(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.STACK_LABEL, "marker")).endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported.contains("marker")
                && cache.configMaps().get(dev.stackagent.sync.SleepProgressStore.PREFIX + "demo").configMap() != null);
        requests.clear();

        assertThat(progress.read("demo").phase()).isEqualTo(dev.stackagent.schedule.SleepPhase.Asleep);
        assertThat(reads()).as("from the cache").isEmpty();
        assertThat(reported).as("the agent's own write is not a change").doesNotContain("demo");
    }

    @Test
    void withoutSyncedCachesEverythingIsRead() {
        cache.close();
        watcher.close();
        requests.clear();

        SyncResult r = sync.sync(stack("2048"), "rev1");

        assertThat(r.status()).isEqualTo(SyncStatus.Synced);
        assertThat(reads()).as("as without a cache").contains("GET /api/v1/namespaces/stack-agent/configmaps/stack-agent-inventory-demo");
    }
}
