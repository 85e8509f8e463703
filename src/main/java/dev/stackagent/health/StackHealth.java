package dev.stackagent.health;

import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The health of a whole stack: the worst of its parts, except that a sleeping stack is Suspended
 * (its scaled-down workload, draining pool and idle routes are expected) unless a part is Missing,
 * which is drift whether the stack sleeps or not. The parts keep their own verdicts.
 */
@RegisterForReflection
public record StackHealth(Health health, List<PartHealth> parts) {

    public StackHealth {
        parts = List.copyOf(parts);
    }

    public static StackHealth of(List<PartHealth> parts, boolean asleep) {
        HealthStatus worst = parts.stream().map(p -> p.health().status())
                .reduce(HealthStatus.HEALTHY, HealthStatus::worst);
        if (asleep && worst != HealthStatus.MISSING) {
            long notReady = parts.stream().filter(p -> p.health().status().isWorseThan(HealthStatus.SUSPENDED)).count();
            return new StackHealth(Health.suspended("asleep"
                    + (notReady == 0 ? "" : "; " + notReady + " of " + parts.size() + " parts not ready, as expected while asleep")),
                    parts);
        }
        if (parts.isEmpty()) {
            return new StackHealth(Health.unknown("no parts to judge"), parts);
        }
        if (worst == HealthStatus.HEALTHY) {
            return new StackHealth(Health.healthy("all " + parts.size() + " parts Healthy"), parts);
        }
        List<PartHealth> culprits = parts.stream().filter(p -> p.health().status() == worst).toList();
        String message = culprits.size() + " of " + parts.size() + " parts " + label(worst) + ": "
                + culprits.stream().map(p -> p.part() + ": " + p.health().message()).collect(Collectors.joining("; "));
        return new StackHealth(new Health(worst, message), parts);
    }

    private static String label(HealthStatus status) {
        String name = status.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
