package dev.stackagent.bench;

import java.util.List;
import java.util.Map;

import dev.stackagent.testing.FleetStacks;

/**
 * The benchmark's deterministic config repo ({@link FleetStacks} on the benchmark's cluster): {@code n}
 * stacks of ten objects each, in one namespace per stack — the Namespace, two ServiceAccounts, three
 * ConfigMaps, three NetworkPolicies and one LLMInferenceService (no schedule, no node pool). The
 * ConfigMap {@code settings} has a key {@code rev} the latency phases change.
 */
final class BenchStacks {
    static final int OBJECTS_PER_STACK = FleetStacks.OBJECTS_PER_STACK;
    /** The kinds in the agent's apply order, each with its plain YAML file of the stack. */
    static final List<String> FILES = FleetStacks.FILES;

    private BenchStacks() {
    }

    static String name(int i) {
        return FleetStacks.name(i);
    }

    static String namespace(int i) {
        return FleetStacks.namespace(i);
    }

    /** Every file of stacks 0..n-1, with {@code rev} as the settings ConfigMap's {@code rev}. */
    static Map<String, String> files(int n, String rev) {
        return FleetStacks.files(Bench.CLUSTER, n, rev);
    }

    static Map<String, String> stack(int i, String rev) {
        return FleetStacks.stack(Bench.CLUSTER, i, rev);
    }

    /** Only the ConfigMaps file of stack {@code i}, as a commit changing {@code rev}. */
    static Map<String, String> settingsChange(int i, String rev) {
        return FleetStacks.settingsChange(i, rev);
    }
}
