package dev.stackagent.gke;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.container.v1.NodePool;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-pool gauges, refreshed at each read: {@code stack_agent_node_pool_nodes{pool}} and
 * {@code stack_agent_node_pool_autoscaling_min_nodes} / {@code _max_nodes} (0 while autoscaling is off).
 */
public final class NodePoolMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public NodePoolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(NodePool live, OptionalInt nodes) {
        String pool = live.getName();
        if (nodes.isPresent()) {
            gauge("stack_agent.node_pool.nodes", "Nodes of the pool (Kubernetes Node objects)", pool).set(nodes.getAsInt());
        }
        boolean on = live.getAutoscaling().getEnabled();
        int min = Math.max(live.getAutoscaling().getMinNodeCount(), live.getAutoscaling().getTotalMinNodeCount());
        int max = Math.max(live.getAutoscaling().getMaxNodeCount(), live.getAutoscaling().getTotalMaxNodeCount());
        gauge("stack_agent.node_pool.autoscaling.min_nodes", "Autoscaling lower bound of the pool", pool).set(on ? min : 0);
        gauge("stack_agent.node_pool.autoscaling.max_nodes", "Autoscaling upper bound of the pool", pool).set(on ? max : 0);
    }

    private AtomicInteger gauge(String name, String description, String pool) {
        return gauges.computeIfAbsent(name + "|" + pool, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tag("pool", pool).register(registry);
            return value;
        });
    }
}
