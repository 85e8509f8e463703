package dev.stackagent.desired;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of {@code stack.yaml} that a schema cannot express: names, references, ranges. */
final class StackConfigValidator {
    private static final Set<String> TAINT_EFFECTS = Set.of("NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE");
    private static final Set<String> LOCATION_POLICIES = Set.of("BALANCED", "ANY");

    private final String file;
    private final String object;
    private final List<ValidationError> errors;

    StackConfigValidator(String file, String stackName, List<ValidationError> errors) {
        this.file = file;
        this.object = "stack " + stackName;
        this.errors = errors;
    }

    void validate(StackConfig c) {
        if (!StackConfig.API_VERSION.equals(c.apiVersion())) {
            error("apiVersion", "must be " + StackConfig.API_VERSION + " (was " + c.apiVersion() + ")");
        }
        if (!StackConfig.KIND.equals(c.kind())) {
            error("kind", "must be " + StackConfig.KIND + " (was " + c.kind() + ")");
        }
        cluster(c.cluster());
        namespaces(c.namespaces());
        Set<String> namespaces = new HashSet<>();
        c.namespaces().forEach(n -> namespaces.add(n.name()));
        for (int i = 0; i < c.manifests().size(); i++) {
            String m = c.manifests().get(i);
            if (m == null || m.isBlank() || m.startsWith("/") || List.of(m.split("/")).contains("..")) {
                error("manifests[" + i + "]", "must be a path inside the stack directory (was '" + m + "')");
            }
        }
        for (int i = 0; i < c.secretCopies().size(); i++) {
            secretCopy("secretCopies[" + i + "]", c.secretCopies().get(i), namespaces);
        }
        Set<String> pools = new HashSet<>();
        for (int i = 0; i < c.nodePools().size(); i++) {
            NodePoolSpec p = c.nodePools().get(i);
            nodePool("nodePools[" + i + "]", p);
            if (p != null && p.name() != null && !pools.add(p.name())) {
                error("nodePools[" + i + "].name", "node pool '" + p.name() + "' is declared twice");
            }
        }
        if (c.schedule() != null) {
            schedule(c.schedule(), pools);
        }
        if (c.verification() != null) {
            verification(c.verification());
        }
    }

    private void cluster(ClusterRef cluster) {
        if (cluster == null) {
            error("cluster", "is required (project, location, name of the GKE cluster)");
            return;
        }
        require("cluster.project", cluster.project());
        require("cluster.location", cluster.location());
        require("cluster.name", cluster.name());
    }

    private void namespaces(List<NamespaceSpec> list) {
        if (list.isEmpty()) {
            error("namespaces", "at least one namespace is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            NamespaceSpec n = list.get(i);
            String f = "namespaces[" + i + "].name";
            if (n == null || !Names.isLabel(n.name())) {
                error(f, "must be a DNS-1123 label (was '" + (n == null ? null : n.name()) + "')");
            } else if (!seen.add(n.name())) {
                error(f, "namespace '" + n.name() + "' is declared twice");
            } else if (n.name().startsWith("kube-") || n.name().equals("default")) {
                error(f, "namespace '" + n.name() + "' belongs to the cluster, not to a stack");
            }
        }
    }

    private void secretCopy(String f, SecretCopy s, Set<String> namespaces) {
        if (s == null) {
            error(f, "must not be empty");
            return;
        }
        require(f + ".fromNamespace", s.fromNamespace());
        require(f + ".fromName", s.fromName());
        if (s.namespace() == null || !namespaces.contains(s.namespace())) {
            error(f + ".namespace", "must be one of the stack's namespaces " + namespaces + " (was '" + s.namespace() + "')");
        }
        if (s.namespace() != null && s.namespace().equals(s.fromNamespace()) && s.fromName() != null
                && s.fromName().equals(s.targetName())) {
            error(f, "copies a Secret onto itself");
        }
    }

    private void nodePool(String f, NodePoolSpec p) {
        if (p == null) {
            error(f, "must not be empty");
            return;
        }
        if (!Names.isLabel(p.name())) {
            error(f + ".name", "must be a DNS-1123 label (was '" + p.name() + "')");
        }
        if (p.nodeCount() != null && p.nodeCount() < 0) {
            error(f + ".nodeCount", "must be >= 0 (was " + p.nodeCount() + ")");
        }
        if (p.diskSizeGb() != null && p.diskSizeGb() < 10) {
            error(f + ".diskSizeGb", "must be >= 10 (was " + p.diskSizeGb() + ")");
        }
        NodePoolSpec.Autoscaling a = p.autoscaling();
        if (a != null && a.isEnabled()) {
            boolean perZone = a.minNodeCount() != null || a.maxNodeCount() != null;
            boolean total = a.totalMinNodeCount() != null || a.totalMaxNodeCount() != null;
            if (perZone && total) {
                error(f + ".autoscaling", "set either minNodeCount/maxNodeCount or totalMinNodeCount/totalMaxNodeCount, not both");
            }
            range(f + ".autoscaling", a.minNodeCount(), a.maxNodeCount(), "minNodeCount", "maxNodeCount");
            range(f + ".autoscaling", a.totalMinNodeCount(), a.totalMaxNodeCount(), "totalMinNodeCount", "totalMaxNodeCount");
            if (!perZone && !total) {
                error(f + ".autoscaling", "enabled autoscaling needs maxNodeCount (or totalMaxNodeCount)");
            }
            if (a.locationPolicy() != null && !LOCATION_POLICIES.contains(a.locationPolicy())) {
                error(f + ".autoscaling.locationPolicy", "must be one of " + LOCATION_POLICIES + " (was '" + a.locationPolicy() + "')");
            }
        }
        if (p.taints() != null) {
            for (int i = 0; i < p.taints().size(); i++) {
                NodePoolSpec.Taint t = p.taints().get(i);
                String tf = f + ".taints[" + i + "]";
                if (t == null || t.key() == null || t.key().isBlank()) {
                    error(tf + ".key", "is required");
                } else if (t.effect() == null || !TAINT_EFFECTS.contains(t.effect())) {
                    error(tf + ".effect", "must be one of " + TAINT_EFFECTS + " (was '" + t.effect() + "')");
                }
            }
        }
    }

    private void range(String f, Integer min, Integer max, String minName, String maxName) {
        if (min != null && min < 0) error(f + "." + minName, "must be >= 0 (was " + min + ")");
        if (max != null && max < 0) error(f + "." + maxName, "must be >= 0 (was " + max + ")");
        if (min != null && max != null && min > max) {
            error(f + "." + minName, minName + " " + min + " is greater than " + maxName + " " + max);
        }
    }

    private void schedule(ScheduleSpec s, Set<String> pools) {
        if (s.timeZone() == null) {
            error("schedule.timeZone", "is required (an IANA time zone such as Europe/Amsterdam)");
        } else {
            try {
                ZoneId.of(s.timeZone());
            } catch (DateTimeException e) {
                error("schedule.timeZone", "'" + s.timeZone() + "' is not an IANA time zone (for example Europe/Amsterdam)");
            }
        }
        for (int i = 0; i < s.awake().size(); i++) {
            ScheduleSpec.Window w = s.awake().get(i);
            String f = "schedule.awake[" + i + "]";
            if (w == null) {
                error(f, "must not be empty");
                continue;
            }
            if (w.days() == null || w.days().isEmpty()) error(f + ".days", "is required (for example Mon-Fri)");
            if (w.from() == null) error(f + ".from", "is required (HH:MM)");
            if (w.to() == null) error(f + ".to", "is required (HH:MM)");
            if (w.from() != null && w.from().equals(w.to())) {
                error(f + ".to", "equals from: a window must have a length (use days: daily, from 00:00, to 23:59 for always)");
            }
        }
        for (int i = 0; i < s.overrides().size(); i++) {
            ScheduleSpec.Override o = s.overrides().get(i);
            String f = "schedule.overrides[" + i + "]";
            if (o == null || o.state() == null) error(f + ".state", "is required (Awake or Asleep)");
            if (o == null || o.until() == null) error(f + ".until", "is required (for example 2026-11-28T02:00+01:00)");
        }
        if (s.wakeLeadTime().isNegative()) error("schedule.wakeLeadTime", "must not be negative");
        if (s.drainTimeout().isNegative()) error("schedule.drainTimeout", "must not be negative");
        if (s.nodePools() != null) {
            for (int i = 0; i < s.nodePools().size(); i++) {
                if (!pools.contains(s.nodePools().get(i))) {
                    error("schedule.nodePools[" + i + "]", "'" + s.nodePools().get(i) + "' is not a node pool of this stack " + pools);
                }
            }
        }
        for (int i = 0; i < s.workloads().size(); i++) {
            ScheduleSpec.WorkloadRef w = s.workloads().get(i);
            if (w == null || w.kind() == null || w.name() == null) {
                error("schedule.workloads[" + i + "]", "needs kind and name");
            }
        }
    }

    private void verification(VerificationSpec v) {
        if (v.url() != null) {
            try {
                URI u = URI.create(v.url());
                if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                    error("verification.url", "must be an http(s) URL (was '" + v.url() + "')");
                }
            } catch (IllegalArgumentException e) {
                error("verification.url", "is not a URL: " + e.getMessage());
            }
        }
        if (v.gateway() != null) {
            require("verification.gateway.namespace", v.gateway().namespace());
            require("verification.gateway.name", v.gateway().name());
            if (v.gateway().path() != null && !v.gateway().path().startsWith("/")) {
                error("verification.gateway.path", "must start with / (was '" + v.gateway().path() + "')");
            }
        }
        if (v.load() != null) {
            VerificationSpec.Load l = v.load();
            if (l.requests() < 1) error("verification.load.requests", "must be >= 1");
            if (l.concurrency() < 1) error("verification.load.concurrency", "must be >= 1");
            if (l.concurrency() > l.requests()) error("verification.load.concurrency", "must not exceed requests");
            if (l.maxFailures() < 0) error("verification.load.maxFailures", "must be >= 0");
        }
    }

    private void require(String field, String value) {
        if (value == null || value.isBlank()) {
            error(field, "is required");
        }
    }

    private void error(String field, String message) {
        errors.add(new ValidationError(file, 0, object, field, message));
    }
}
