package dev.stackagent.health.preflight;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The inference Gateway exists and has an external address ({@code status.addresses[0].value}). */
public final class GatewayAddressCheck {

    public static final String NAME = "gateway";

    /** Explicit, so that no API discovery is needed. */
    private static final ResourceDefinitionContext GATEWAY = new ResourceDefinitionContext.Builder()
            .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("Gateway").withPlural("gateways")
            .withNamespaced(true).build();

    private final KubernetesClient client;

    public GatewayAddressCheck(KubernetesClient client) {
        this.client = client;
    }

    public CheckResult check(String namespace, String name) {
        String ref = "Gateway " + namespace + "/" + name;
        try {
            GenericKubernetesResource gateway = client.genericKubernetesResources(GATEWAY)
                    .inNamespace(namespace).withName(name).get();
            if (gateway == null) {
                return CheckResult.failed(NAME, ref + " not found");
            }
            Object address = firstAddress(gateway);
            if (address == null || address.toString().isEmpty()) {
                return CheckResult.failed(NAME, ref + " has no address yet (status.addresses is empty)");
            }
            return CheckResult.ok(NAME, ref + " at " + address);
        } catch (KubernetesClientException e) {
            return CheckResult.warning(NAME, "could not read " + ref + ": " + e.getCode() + " " + e.getStatus());
        }
    }

    private static Object firstAddress(GenericKubernetesResource gateway) {
        Object status = gateway.getAdditionalProperties().get("status");
        if (!(status instanceof java.util.Map<?, ?> s) || !(s.get("addresses") instanceof java.util.List<?> list)
                || list.isEmpty() || !(list.get(0) instanceof java.util.Map<?, ?> first)) {
            return null;
        }
        return first.get("value");
    }
}
