package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
class LeaderPodLabelTest {
    KubernetesClient client;

    private Map<String, String> labels() {
        return client.pods().inNamespace("stack-agent").withName("agent-0").get().getMetadata().getLabels();
    }

    @Test
    void marksAndUnmarksThisPodKeepingItsOtherLabels() {
        client.pods().inNamespace("stack-agent").resource(new PodBuilder().withNewMetadata().withName("agent-0")
                .withNamespace("stack-agent").addToLabels("app", "stack-agent").endMetadata().build()).create();
        LeaderPodLabel label = new LeaderPodLabel(client, "stack-agent", Optional.of("agent-0"));
        label.mark();
        assertThat(labels()).containsEntry("stack-agent.dev/role", "leader").containsEntry("app", "stack-agent");
        label.unmark();
        assertThat(labels()).doesNotContainKey("stack-agent.dev/role").containsEntry("app", "stack-agent");
    }

    @Test
    void withoutAPodNameItDoesNothing() {
        new LeaderPodLabel(client, "stack-agent", Optional.empty()).mark();
        assertThat(client.pods().inNamespace("stack-agent").list().getItems()).isEmpty();
    }
}
