package dev.stackagent.triggers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code stack_agent_webhook_requests_total{provider,result}}: every webhook request and how it was answered. */
public final class WebhookMetrics {
    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String provider, String result) {
        Counter.builder("stack_agent.webhook.requests").description("Webhook requests by provider and result")
                .tags("provider", provider, "result", result).register(registry).increment();
    }
}
