package dev.stackagent.policy;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the platform team allows the stacks of a config repository to touch. It lives outside Git
 * (a file mounted from a ConfigMap, {@code stack-agent.policy.file}; {@code --policy} for the CLI) and
 * every stack is checked against it before anything is written. Absent sections take the built-in
 * defaults of {@link #defaults()}, which allow exactly what the seed stack needs. Some rules are not
 * the policy's to widen ({@link HardRules}): {@code kube-*}, {@code default} and the agent's own
 * namespace are never a stack's, never a Secret-copy source.
 */
@RegisterForReflection
public record Policy(
        String apiVersion,
        String kind,
        List<GroupKind> kinds,
        Namespaces namespaces,
        SecretCopies secretCopies,
        NodePools nodePools,
        Verification verification,
        Repository repository,
        List<Adoption> adoption,
        String maxScheduleOverride) {

    public static final String API_VERSION = "stack-agent.dev/v1alpha1";
    public static final String KIND = "AgentPolicy";

    public Policy {
        kinds = kinds == null ? Defaults.KINDS : List.copyOf(kinds);
        namespaces = namespaces == null ? Namespaces.DEFAULTS : namespaces;
        secretCopies = secretCopies == null ? SecretCopies.DEFAULTS : secretCopies;
        nodePools = nodePools == null ? NodePools.DEFAULTS : nodePools;
        verification = verification == null ? Verification.DEFAULTS : verification;
        repository = repository == null ? Repository.DEFAULTS : repository;
        adoption = adoption == null ? List.of() : List.copyOf(adoption);
        maxScheduleOverride = maxScheduleOverride == null ? DEFAULT_MAX_SCHEDULE_OVERRIDE : maxScheduleOverride.trim();
    }

    /** The policy without {@code maxScheduleOverride} (the default bound). */
    public Policy(String apiVersion, String kind, List<GroupKind> kinds, Namespaces namespaces, SecretCopies secretCopies,
            NodePools nodePools, Verification verification, Repository repository, List<Adoption> adoption) {
        this(apiVersion, kind, kinds, namespaces, secretCopies, nodePools, verification, repository, adoption, null);
    }

    /** The longest temporary schedule override ({@code stack-agent wake|sleep --for}) unless the policy says otherwise. */
    public static final String DEFAULT_MAX_SCHEDULE_OVERRIDE = "12h";
    /** No policy may allow more: an override is for an evening or a day, a longer change belongs in Git. */
    public static final Duration MAX_SCHEDULE_OVERRIDE_LIMIT = Duration.ofDays(7);
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");

    /**
     * How long a schedule override requested through the cluster ({@code stack-agent wake|sleep --for}) may last:
     * {@code maxScheduleOverride} as {@code 12h}, {@code 1d}, {@code 90m} or {@code 1h30m}.
     *
     * @throws IllegalArgumentException when the text is not such a duration
     */
    public Duration scheduleOverrideBound() {
        java.util.regex.Matcher m = DURATION.matcher(maxScheduleOverride);
        if (maxScheduleOverride.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + maxScheduleOverride + "' is not a duration (examples: 12h, 1d, 90m)");
        }
        return Duration.ofDays(part(m.group(1))).plusHours(part(m.group(2))).plusMinutes(part(m.group(3)));
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** The built-in policy: the seed stack's kinds, namespaces, Secret copy, TPU pool and bounds; nothing more. */
    public static Policy defaults() {
        return new Policy(API_VERSION, KIND, null, null, null, null, null, null, null, null);
    }

    /** A kind a stack may hold, by API group ("" for the core group) and kind. */
    @RegisterForReflection
    public record GroupKind(String group, String kind) {
        public GroupKind {
            group = group == null ? "" : group;
        }

        @Override
        public String toString() {
            return group.isEmpty() ? kind : kind + "." + group;
        }
    }

    /**
     * Namespaces a stack may own. {@code allowed}: name patterns; {@code protected}: platform
     * namespaces never owned (besides the hard rules); {@code allowedKeys}: label/annotation keys
     * under a reserved prefix a stack may set anyway (e.g. {@code pod-security.kubernetes.io/enforce}).
     */
    @RegisterForReflection
    public record Namespaces(List<String> allowed, List<String> platform, List<String> allowedKeys) {
        static final Namespaces DEFAULTS = new Namespaces(null, null, null);

        public Namespaces {
            allowed = allowed == null ? List.of("*") : List.copyOf(allowed);
            platform = platform == null ? Defaults.PLATFORM_NAMESPACES : List.copyOf(platform);
            allowedKeys = allowedKeys == null ? List.of() : List.copyOf(allowedKeys);
        }
    }

    /**
     * Where {@code secretCopies} may copy from: {@code allowed} source patterns, or (with
     * {@code sourceOptIn}) a source Secret annotated {@value HardRules#COPY_TO_ANNOTATION} with the
     * target namespaces.
     */
    @RegisterForReflection
    public record SecretCopies(List<SecretSource> allowed, Boolean sourceOptIn) {
        static final SecretCopies DEFAULTS = new SecretCopies(null, null);

        public SecretCopies {
            allowed = allowed == null ? Defaults.SECRET_SOURCES : List.copyOf(allowed);
            sourceOptIn = sourceOptIn == null ? Boolean.TRUE : sourceOptIn;
        }

        public boolean allows(String namespace, String name) {
            return allowed.stream().anyMatch(s -> Patterns.matches(s.namespace(), namespace) && Patterns.matches(s.name(), name));
        }
    }

    @RegisterForReflection
    public record SecretSource(String namespace, String name) {
        public SecretSource {
            name = name == null ? "*" : name;
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * Bounds on the GKE node pools of a stack. {@code adoptable}: pools the agent did not create that
     * it may still resize and update (never delete or replace).
     */
    @RegisterForReflection
    public record NodePools(List<String> machineTypes, Integer maxNodes, Integer maxPoolsPerStack, Integer maxDiskSizeGb,
            List<String> adoptable) {
        static final NodePools DEFAULTS = new NodePools(null, null, null, null, null);

        public NodePools {
            machineTypes = machineTypes == null ? List.of("ct6e-standard-4t") : List.copyOf(machineTypes);
            maxNodes = maxNodes == null ? 4 : maxNodes;
            maxPoolsPerStack = maxPoolsPerStack == null ? 2 : maxPoolsPerStack;
            maxDiskSizeGb = maxDiskSizeGb == null ? 500 : maxDiskSizeGb;
            adoptable = adoptable == null ? List.of() : List.copyOf(adoptable);
        }

        public boolean adoptable(String pool) {
            return Patterns.anyMatches(adoptable, pool);
        }
    }

    /**
     * Bounds on model verification: load-check size, and the hosts {@code verification.url} may name
     * (the Gateway's address is always allowed).
     */
    @RegisterForReflection
    public record Verification(Integer maxLoadRequests, Integer maxLoadConcurrency, List<String> allowedHosts) {
        static final Verification DEFAULTS = new Verification(null, null, null);

        public Verification {
            maxLoadRequests = maxLoadRequests == null ? 1000 : maxLoadRequests;
            maxLoadConcurrency = maxLoadConcurrency == null ? 32 : maxLoadConcurrency;
            allowedHosts = allowedHosts == null ? List.of("*.svc", "*.svc.cluster.local") : List.copyOf(allowedHosts);
        }

        public boolean allowsHost(String host) {
            return host != null && Patterns.anyMatches(allowedHosts, host.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Limits on what one revision may hold: bytes per file (checked before parsing) and objects per stack. */
    @RegisterForReflection
    public record Repository(Long maxFileBytes, Integer maxObjectsPerStack) {
        static final Repository DEFAULTS = new Repository(null, null);

        public Repository {
            maxFileBytes = maxFileBytes == null ? 1024L * 1024 : maxFileBytes;
            maxObjectsPerStack = maxObjectsPerStack == null ? 200 : maxObjectsPerStack;
        }
    }

    /**
     * An existing object (or namespace) a stack may take over although the agent did not create it.
     * The same can be said on the live object with the annotation {@value HardRules#ADOPT_ANNOTATION}.
     */
    @RegisterForReflection
    public record Adoption(String stack, String group, String kind, String namespace, String name) {
        public Adoption {
            group = group == null ? "" : group;
        }

        public boolean covers(String stackName, String objGroup, String objKind, String objNamespace, String objName) {
            return stack != null && stack.equals(stackName) && group.equals(objGroup) && kind != null && kind.equals(objKind)
                    && (namespace == null ? objNamespace == null : namespace.equals(objNamespace))
                    && name != null && name.equals(objName);
        }
    }

    /** True when this policy lets {@code stack} adopt the object (a policy entry). */
    @JsonIgnore
    public boolean adoptable(String stack, String group, String kind, String namespace, String name) {
        return adoption.stream().anyMatch(a -> a.covers(stack, group, kind, namespace, name));
    }

    /** The allowed kind entry for a group and kind, or null. */
    @JsonIgnore
    public GroupKind allowedKind(String group, String kind) {
        return kinds.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst().orElse(null);
    }

    /** Values of the built-in policy. */
    static final class Defaults {
        static final List<GroupKind> KINDS = List.of(
                new GroupKind("", "ServiceAccount"),
                new GroupKind("", "ConfigMap"),
                new GroupKind("", "Secret"),
                new GroupKind("networking.k8s.io", "NetworkPolicy"),
                new GroupKind("serving.kserve.io", "LLMInferenceService"));
        static final List<String> PLATFORM_NAMESPACES = List.of(
                "istio-system", "cert-manager", "opendatahub", "lws-system", "gke-*", "gmp-*", "monitoring");
        static final List<SecretSource> SECRET_SOURCES = List.of(new SecretSource("istio-system", "redhat-pull-secret"));

        private Defaults() {
        }
    }
}
