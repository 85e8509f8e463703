package dev.stackagent.health.preflight;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Is an operator installed and available? OK when every listed Deployment exists with condition
 * {@code Available=True}; FAILED when one is not available or some are missing; when none is found,
 * WARNING if the component's CRD is installed (it may run under other names), else FAILED.
 */
public final class ComponentCheck {

    private final KubernetesClient client;

    public ComponentCheck(KubernetesClient client) {
        this.client = client;
    }

    public CheckResult check(ComponentSpec spec) {
        try {
            List<String> missing = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (String name : spec.deployments()) {
                Deployment d = client.apps().deployments().inNamespace(spec.namespace()).withName(name).get();
                if (d == null) {
                    missing.add(name);
                } else if (!available(d)) {
                    unavailable.add(name + " " + availability(d));
                }
            }
            String where = " in " + spec.namespace();
            if (missing.size() == spec.deployments().size() && !spec.deployments().isEmpty()) {
                return fallback(spec, "no Deployment " + String.join(", ", missing) + where);
            }
            if (!unavailable.isEmpty()) {
                return CheckResult.failed(spec.name(), "not available" + where + ": " + String.join("; ", unavailable));
            }
            if (!missing.isEmpty()) {
                return CheckResult.failed(spec.name(), "Deployment " + String.join(", ", missing) + " missing" + where);
            }
            if (spec.deployments().isEmpty()) {
                return fallback(spec, "no Deployments configured");
            }
            return CheckResult.ok(spec.name(), String.join(", ", spec.deployments()) + " available" + where);
        } catch (KubernetesClientException e) {
            return CheckResult.warning(spec.name(), "could not check: " + e.getCode() + " " + e.getStatus());
        }
    }

    private CheckResult fallback(ComponentSpec spec, String why) {
        if (spec.crd() != null && client.apiextensions().v1().customResourceDefinitions().withName(spec.crd()).get() != null) {
            return CheckResult.warning(spec.name(), why + ", but CRD " + spec.crd() + " is installed");
        }
        return CheckResult.failed(spec.name(), why + (spec.crd() == null ? "" : " and no CRD " + spec.crd()));
    }

    private static boolean available(Deployment d) {
        return conditions(d).stream().anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String availability(Deployment d) {
        return conditions(d).stream().filter(c -> "Available".equals(c.getType()))
                .map(c -> "Available=" + c.getStatus() + (c.getReason() == null ? "" : " (" + c.getReason() + ")"))
                .findFirst().orElse("has no Available condition");
    }

    private static List<DeploymentCondition> conditions(Deployment d) {
        return d.getStatus() == null || d.getStatus().getConditions() == null ? List.of() : d.getStatus().getConditions();
    }
}
