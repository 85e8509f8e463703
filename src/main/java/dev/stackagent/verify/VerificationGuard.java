package dev.stackagent.verify;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.policy.Policy;

/**
 * The policy's bounds on verification, applied at run time whatever validation let through: a load
 * check never sends more than {@code verification.maxLoadRequests} requests nor more than
 * {@code verification.maxLoadConcurrency} at a time, and {@code verification.url} is called only
 * when its host matches {@code verification.allowedHosts} or is the stack's Gateway's own address.
 */
public final class VerificationGuard {

    private final Policy.Verification policy;

    public VerificationGuard(Policy.Verification policy) {
        this.policy = policy == null ? Policy.defaults().verification() : policy;
    }

    public static VerificationGuard of(Policy policy) {
        return new VerificationGuard(policy == null ? null : policy.verification());
    }

    public Policy.Verification policy() {
        return policy;
    }

    /** The requests a load check sends: the spec's, at least 1, at most the policy's maximum. */
    public int requests(VerificationSpec.Load load) {
        return clamp(load.requests(), policy.maxLoadRequests());
    }

    /** The requests in flight at once: the spec's, at least 1, at most the policy's maximum and the request count. */
    public int concurrency(VerificationSpec.Load load) {
        return clamp(load.concurrency(), Math.min(requests(load), policy.maxLoadConcurrency()));
    }

    private static int clamp(Integer wanted, Integer max) {
        int ceiling = Math.max(1, max == null ? 1 : max);
        return wanted == null ? ceiling : Math.max(1, Math.min(wanted, ceiling));
    }

    /**
     * Why {@code url} (the stack's {@code verification.url}) may not be called, or empty when it may:
     * http or https, no credentials in it, and a host the policy allows or equal to
     * {@code gatewayAddress} (the stack's Gateway's {@code status.addresses[0].value}; null when none).
     * Messages name the host only, never the whole URL.
     */
    public Optional<String> refusal(URI url, String gatewayAddress) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("verification.url must be http:// or https://");
        }
        String host = host(url.getHost());
        if (host == null) {
            return Optional.of("verification.url has no host name the agent can check against the policy");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("verification.url must not carry credentials (user info before '" + host + "')");
        }
        if (hostAllowed(host, gatewayAddress)) {
            return Optional.empty();
        }
        return Optional.of("verification.url host '" + host + "' is not allowed by the policy (verification.allowedHosts: "
                + policy.allowedHosts() + ")");
    }

    /** True when the policy allows {@code host}, or it is the Gateway's address. */
    public boolean hostAllowed(String host, String gatewayAddress) {
        String h = host(host);
        if (h == null) {
            return false;
        }
        String gateway = host(gatewayAddress);
        return (gateway != null && gateway.equals(h)) || policy.allowsHost(h);
    }

    /** Lower case, IPv6 brackets removed; null for none. */
    private static String host(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.isEmpty() ? null : h;
    }
}
