package dev.stackagent.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stackagent.desired.ObjectRef;

/** The inventory survives a restart: what is encoded into the ConfigMap decodes to the same set. */
class InventoryTest {
    static final ObjectRef NAMESPACE = new ObjectRef("v1", "Namespace", null, "team-a");
    static final ObjectRef LLMISVC = new ObjectRef("serving.kserve.io/v1alpha1", "LLMInferenceService", "team-a", "qwen2-3b");
    static final ObjectRef POLICY = new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "team-a", "default-deny");
    static final ObjectRef CONFIG_MAP = new ObjectRef("v1", "ConfigMap", "team-b", "settings");

    static Stream<Set<ObjectRef>> inventories() {
        return Stream.of(Set.of(), Set.of(NAMESPACE), Set.of(NAMESPACE, LLMISVC, POLICY, CONFIG_MAP));
    }

    @ParameterizedTest
    @MethodSource("inventories")
    void encodeDecodeRoundTrip(Set<ObjectRef> objects) {
        Inventory inventory = new Inventory("qwen", objects);

        Inventory decoded = Inventory.decode("qwen", inventory.encode());

        assertThat(decoded).isEqualTo(inventory);
        assertThat(decoded.objects()).containsExactlyInAnyOrderElementsOf(objects);
    }

    @Test
    void clusterScopedObjectKeepsNullNamespace() {
        Inventory decoded = Inventory.decode("qwen", new Inventory("qwen", Set.of(NAMESPACE)).encode());

        assertThat(decoded.objects()).singleElement().satisfies(r -> {
            assertThat(r.namespace()).isNull();
            assertThat(r.key()).isEqualTo(NAMESPACE.key());
        });
    }

    @Test
    void encodingIsOneSortedLinePerObject() {
        String text = new Inventory("qwen", Set.of(POLICY, NAMESPACE)).encode();

        assertThat(text).isEqualTo("v1|Namespace||team-a\nnetworking.k8s.io/v1|NetworkPolicy|team-a|default-deny\n");
    }

    @Test
    void decodeIgnoresEmptyAndDamagedLines() {
        Inventory decoded = Inventory.decode("qwen", "\nv1|ConfigMap|team-b|settings\ngarbage\nv1|too|many|fields|here\n");

        assertThat(decoded.objects()).containsExactly(CONFIG_MAP);
        assertThat(Inventory.decode("qwen", null).objects()).isEmpty();
        assertThat(Inventory.decode("qwen", "").objects()).isEmpty();
    }

    @Test
    void inventoryIsImmutable() {
        Inventory inventory = Inventory.of("qwen", List.of(POLICY));

        assertThat(inventory.objects()).isUnmodifiable();
        assertThat(Inventory.empty("qwen").objects()).isEmpty();
    }

    @Test
    void nodePoolsTheAgentCreatedRoundTripBesideTheObjectsAndOldReadersSkipThem() {
        Inventory inventory = new Inventory("qwen", Set.of(NAMESPACE), Set.of("tpu-v6e-pool"));
        String text = inventory.encode();

        assertThat(Inventory.decode("qwen", text)).isEqualTo(inventory);
        assertThat(text).contains("nodepool|tpu-v6e-pool");
        // a line of two fields is skipped by readers that know objects only (four fields)
        assertThat(text.lines().filter(l -> l.startsWith("nodepool|"))).allSatisfy(l -> assertThat(l.split("\\|", -1)).hasSize(2));
        assertThat(inventory.withNodePools(List.of("gpu")).nodePools()).containsExactly("gpu", "tpu-v6e-pool");
    }
}
