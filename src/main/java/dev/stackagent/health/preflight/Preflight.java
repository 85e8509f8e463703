package dev.stackagent.health.preflight;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.google.container.v1.Cluster;

import dev.stackagent.desired.DesiredObject;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The seed's Phase 1 and 2 checks in one run: operator components, the inference Gateway's address,
 * the Secrets the manifests refer to, and (given the GKE cluster) NetworkPolicy enforcement and
 * Workload Identity. Reports; whether a failure blocks a sync is {@link PreflightReport#blocks}.
 */
public final class Preflight {

    private final PreflightOptions options;
    private final ComponentCheck components;
    private final GatewayAddressCheck gateway;
    private final SecretsCheck secrets;
    private final Clock clock;

    public Preflight(KubernetesClient client, PreflightOptions options, Clock clock) {
        this.options = options;
        this.components = new ComponentCheck(client);
        this.gateway = new GatewayAddressCheck(client);
        this.secrets = new SecretsCheck(client);
        this.clock = clock;
    }

    /**
     * @param desired       the stack's objects, walked for Secret references
     * @param copiedByAgent Secrets the stack's {@code secretCopies} create
     * @param cluster       the GKE cluster as read from the API, or null when not read
     */
    public PreflightReport run(Collection<DesiredObject> desired, Set<SecretRef> copiedByAgent, Cluster cluster) {
        List<CheckResult> results = new ArrayList<>(clusterWide(cluster));
        results.addAll(secrets(desired, copiedByAgent));
        return new PreflightReport(results, clock.instant());
    }

    /** The checks that are the same for every stack of the cluster: operators, the Gateway, the GKE cluster. */
    public List<CheckResult> clusterWide(Cluster cluster) {
        List<CheckResult> results = new ArrayList<>();
        for (ComponentSpec spec : options.components()) {
            results.add(components.check(spec));
        }
        if (options.gatewayName() != null) {
            results.add(gateway.check(options.gatewayNamespace(), options.gatewayName()));
        }
        if (cluster == null) {
            results.add(CheckResult.warning(ClusterChecks.NETWORK_POLICY, "GKE cluster not read"));
            results.add(CheckResult.warning(ClusterChecks.WORKLOAD_IDENTITY, "GKE cluster not read"));
        } else {
            results.add(ClusterChecks.networkPolicy(cluster));
            results.add(ClusterChecks.workloadIdentity(cluster));
        }
        return results;
    }

    /** The Secrets one stack's objects refer to exist (or the stack copies them). */
    public List<CheckResult> secrets(Collection<DesiredObject> desired, Set<SecretRef> copiedByAgent) {
        Set<SecretRef> refs = new TreeSet<>();
        for (DesiredObject object : desired) {
            refs.addAll(SecretReferences.in(object.body()));
        }
        return secrets.check(refs, copiedByAgent);
    }

    public Instant now() {
        return clock.instant();
    }
}
