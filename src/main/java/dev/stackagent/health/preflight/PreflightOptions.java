package dev.stackagent.health.preflight;

import java.util.List;
import java.util.Set;

/**
 * What preflight checks: the operator components, the Gateway that must have an address, and which
 * check names block a sync when they fail (none by default: preflight only reports).
 */
public record PreflightOptions(List<ComponentSpec> components, String gatewayNamespace, String gatewayName,
        Set<String> blocking) {

    public PreflightOptions {
        components = List.copyOf(components);
        blocking = Set.copyOf(blocking);
    }

    /** The seed's components and Gateway {@code opendatahub/inference-gateway}; nothing blocks. */
    public static PreflightOptions seedDefaults() {
        return new PreflightOptions(ComponentSpec.seedDefaults(), "opendatahub", "inference-gateway", Set.of());
    }
}
