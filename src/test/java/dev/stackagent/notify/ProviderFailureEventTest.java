package dev.stackagent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stackagent.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** A provider that keeps failing shows as a Warning Event on the Stack, which {@code kubectl describe stack} lists. */
@EnableKubernetesMockClient(crud = true)
class ProviderFailureEventTest {
    KubernetesClient client;

    @Test
    void aProviderThatKeepsFailingRecordsAWarningEventOnTheStack() {
        EventProviderFailureSink sink = new EventProviderFailureSink(client, "stack-agent", new MutableClock(NotifyFixtures.T0));
        sink.providerFailing("github", "chat", 5, "HTTP 401");
        sink.providerFailing("github", "chat", 5, "HTTP 401"); // still failing: the same Event, counted again
        sink.providerFailing("slack", null, 5, "HTTP 404"); // about the agent: logged only

        List<Event> events = client.v1().events().inNamespace("stack-agent").list().getItems();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("NotificationsFailing");
            assertThat(e.getMessage()).isEqualTo("5 notifications to github failed in a row; last: HTTP 401");
            assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("stack-agent.dev/v1alpha1");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Stack");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("chat");
            assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("stack-agent");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-12-02T08:00:00Z");
            assertThat(e.getCount()).isEqualTo(2);
        });
    }
}
