package dev.stackagent.health.preflight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Each referenced Secret exists. Only existence is checked: the answer is reduced to a boolean at
 * once and nothing of the Secret is kept or logged. A Secret the agent copies itself
 * ({@code secretCopies}) that does not exist yet is OK (the sync creates it).
 */
public final class SecretsCheck {

    private final KubernetesClient client;

    public SecretsCheck(KubernetesClient client) {
        this.client = client;
    }

    /** The check name for one Secret: {@code secret <namespace>/<name>}. */
    public static String name(SecretRef ref) {
        return "secret " + ref;
    }

    public List<CheckResult> check(Collection<SecretRef> refs, Set<SecretRef> copiedByAgent) {
        List<CheckResult> results = new ArrayList<>();
        for (SecretRef ref : refs) {
            results.add(check(ref, copiedByAgent.contains(ref)));
        }
        return results;
    }

    private CheckResult check(SecretRef ref, boolean copied) {
        try {
            if (exists(ref)) {
                return CheckResult.ok(name(ref), "exists");
            }
            return copied
                    ? CheckResult.ok(name(ref), "not there yet; the agent copies it (secretCopies)")
                    : CheckResult.failed(name(ref), "does not exist; create it out of band (its value never lives in Git)");
        } catch (KubernetesClientException e) {
            return CheckResult.warning(name(ref), "could not check: " + e.getCode() + " " + e.getStatus());
        }
    }

    private boolean exists(SecretRef ref) {
        return client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get() != null;
    }
}
