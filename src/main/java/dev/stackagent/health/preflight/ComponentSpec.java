package dev.stackagent.health.preflight;

import java.util.List;

/**
 * A prerequisite operator the stack needs: the Deployments that must exist and be Available in
 * {@code namespace}, and a CRD whose presence is the fallback signal when none of them is found
 * (operators are installed under other names: then the check warns instead of failing).
 */
public record ComponentSpec(String name, String namespace, List<String> deployments, String crd) {

    public ComponentSpec {
        deployments = List.copyOf(deployments);
    }

    /** The seed's Phase 1 prerequisites, as the llm-d-infra-xks operators install them. */
    public static List<ComponentSpec> seedDefaults() {
        return List.of(
                new ComponentSpec("cert-manager", "cert-manager",
                        List.of("cert-manager", "cert-manager-webhook", "cert-manager-cainjector"),
                        "certificates.cert-manager.io"),
                new ComponentSpec("istio", "istio-system", List.of("istiod"), "destinationrules.networking.istio.io"),
                new ComponentSpec("lws", "lws-system", List.of("lws-controller-manager"),
                        "leaderworkersets.leaderworkerset.x-k8s.io"),
                new ComponentSpec("kserve", "opendatahub", List.of("llmisvc-controller-manager"),
                        "llminferenceservices.serving.kserve.io"));
    }
}
