package dev.stackagent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Every create and patch is announced before it is sent and ends in exactly one of wrote or failed. */
@EnableKubernetesMockClient(crud = true)
class KubernetesWriterTest {
    KubernetesClient client;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final WriteListener listener = new WriteListener() {
        @Override
        public void writing(ObjectRef ref) {
            calls.add("writing " + ref.name());
        }

        @Override
        public void wrote(ObjectRef ref, String resourceVersion) {
            calls.add("wrote " + ref.name() + " " + resourceVersion);
        }

        @Override
        public void failed(ObjectRef ref) {
            calls.add("failed " + ref.name());
        }
    };

    private static final ObjectRef REF = new ObjectRef("v1", "ConfigMap", "llm", "cm");

    private static ObjectNode body() {
        ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", "cm").put("namespace", "llm");
        cm.putObject("data").put("k", "v");
        return cm;
    }

    private static ArrayNode replaceValue(String resourceVersion, String value) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", resourceVersion);
        patch.addObject().put("op", "replace").put("path", "/data/k").put("value", value);
        return patch;
    }

    @Test
    void aCreateAndAPatchAreAnnouncedThenRecordedWithTheirVersions() {
        KubernetesWriter writer = new KubernetesWriter(client, listener);
        writer.create(REF, body());
        String created = client.configMaps().inNamespace("llm").withName("cm").get().getMetadata().getResourceVersion();
        writer.patch(REF, replaceValue(created, "w"));
        String patched = client.configMaps().inNamespace("llm").withName("cm").get().getMetadata().getResourceVersion();
        assertThat(calls).containsExactly("writing cm", "wrote cm " + created, "writing cm", "wrote cm " + patched);
    }

    @Test
    void aFailedWriteIsAnnouncedThenTold() {
        KubernetesWriter writer = new KubernetesWriter(client, listener);
        assertThatThrownBy(() -> writer.patch(REF, replaceValue("1", "w"))).isInstanceOf(KubernetesClientException.class); // 404
        assertThat(calls).containsExactly("writing cm", "failed cm");
        writer.create(REF, body());
        calls.clear();
        assertThatThrownBy(() -> writer.create(REF, body())).isInstanceOf(KubernetesClientException.class); // 409
        assertThat(calls).containsExactly("writing cm", "failed cm");
    }
}
