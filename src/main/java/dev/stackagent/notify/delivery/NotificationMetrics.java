package dev.stackagent.notify.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code stack_agent_notifications_total{provider, result}}: result is delivered, failed, dropped or retried. */
public final class NotificationMetrics {
    /** Exported by Prometheus as {@code stack_agent_notifications_total}. */
    public static final String NAME = "stack_agent.notifications";

    public enum Result { delivered, failed, dropped, retried }

    private final MeterRegistry registry;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String provider, Result result) {
        Counter.builder(NAME).description("Notification deliveries (commit statuses and alerts) by provider and result")
                .tag("provider", provider).tag("result", result.name()).register(registry).increment();
    }

    public double total(String provider, Result result) {
        Counter c = registry.find(NAME).tag("provider", provider).tag("result", result.name()).counter();
        return c == null ? 0 : c.count();
    }
}
