package dev.stackagent.triggers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Verifies a webhook call and decides what it means: a push to the watched repository and ref calls
 * {@code requestFetch} (which only queues work) and answers 202; everything else is answered without
 * side effects. Verification always comes first: an unverified call triggers nothing and nothing of
 * its body is echoed.
 */
public final class WebhookReceiver {
    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GENERIC_SIGNATURES = {"X-Signature-256", "X-Gitea-Signature", "X-Hub-Signature-256"};
    private static final String[] GENERIC_EVENTS = {"X-Gitea-Event", "X-Forgejo-Event", "X-Gogs-Event", "X-GitHub-Event"};

    private final Map<WebhookProvider, SecretSource> secrets;
    private final WatchedSource source;
    private final Runnable requestFetch;
    private final Map<WebhookProvider, String> problems = new ConcurrentHashMap<>();
    private final AtomicInteger problemsLogged = new AtomicInteger();

    /**
     * @param secrets per provider; a provider without a configured secret answers 503
     * @param requestFetch queues a Git fetch; must return at once
     */
    public WebhookReceiver(Map<WebhookProvider, SecretSource> secrets, WatchedSource source, Runnable requestFetch) {
        this.secrets = new EnumMap<>(WebhookProvider.class);
        this.secrets.putAll(secrets);
        this.source = source;
        this.requestFetch = requestFetch;
    }

    /** Handles one call; {@code header} looks a request header up by name, case-insensitively. */
    public WebhookResponse receive(WebhookProvider provider, Function<String, String> header, byte[] body) {
        SecretSource secretSource = secrets.getOrDefault(provider, SecretSource.none());
        Optional<byte[]> secret;
        try {
            secret = secretSource.read();
        } catch (UncheckedIOException e) {
            logOnce(provider, "unreadable", e.getMessage() + "; calls to this webhook are answered 503");
            return WebhookResponse.notConfigured("webhook secret for " + provider.pathName() + " cannot be read");
        }
        if (secret.isEmpty()) {
            logOnce(provider, "missing", secretSource.configured()
                    ? "the secret (" + secretSource + ") is empty; calls to this webhook are answered 503"
                    : "no secret configured; calls to this webhook are answered 503");
            return WebhookResponse.notConfigured("webhook provider " + provider.pathName() + " is not configured");
        }
        problems.remove(provider);
        return switch (provider) {
            case GITHUB -> github(header, body, secret.get());
            case GITLAB -> gitlab(header, body, secret.get());
            case GENERIC -> generic(header, body, secret.get());
        };
    }

    /**
     * Logs a secret problem of a provider once, not once per call (any sender can make calls); again
     * only after the problem changed or the secret worked in between. The secret itself is never logged.
     */
    private void logOnce(WebhookProvider provider, String problem, String message) {
        if (!problem.equals(problems.put(provider, problem))) {
            problemsLogged.incrementAndGet();
            LOG.logf(problem.equals("unreadable") ? Logger.Level.ERROR : Logger.Level.WARN, "webhook %s: %s (logged once)",
                    provider.pathName(), message);
        }
    }

    /** How many secret problems were logged; for tests. */
    int problemsLogged() {
        return problemsLogged.get();
    }

    private WebhookResponse github(Function<String, String> header, byte[] body, byte[] secret) {
        if (!Signatures.validHmac(header.apply("X-Hub-Signature-256"), secret, body)) return WebhookResponse.unauthorized();
        String event = header.apply("X-GitHub-Event");
        if ("ping".equals(event)) return WebhookResponse.pong();
        if (!"push".equals(event)) return WebhookResponse.ignored("event " + describe(event));
        return push(body, PushEvent::fromGitHubShape);
    }

    private WebhookResponse gitlab(Function<String, String> header, byte[] body, byte[] token) {
        if (!Signatures.validToken(header.apply("X-Gitlab-Token"), token)) return WebhookResponse.unauthorized();
        String event = header.apply("X-Gitlab-Event");
        if (!"Push Hook".equals(event) && !"Tag Push Hook".equals(event)) {
            return WebhookResponse.ignored("event " + describe(event));
        }
        return push(body, PushEvent::fromGitLab);
    }

    private WebhookResponse generic(Function<String, String> header, byte[] body, byte[] secret) {
        String signature = first(header, GENERIC_SIGNATURES);
        if (!Signatures.validHmac(signature, secret, body)) return WebhookResponse.unauthorized();
        String event = first(header, GENERIC_EVENTS);
        if ("ping".equals(event)) return WebhookResponse.pong();
        if (event != null && !"push".equals(event)) return WebhookResponse.ignored("event " + describe(event));
        return push(body, PushEvent::fromGitHubShape);
    }

    private WebhookResponse push(byte[] body, Function<JsonNode, PushEvent> parse) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return WebhookResponse.malformed();
        }
        if (root == null || !root.isObject()) return WebhookResponse.malformed();
        PushEvent push = parse.apply(root);
        if (!source.configured()) {
            return WebhookResponse.notConfigured("no repository configured (stack-agent.git.url or stack-agent.webhook.repositories)");
        }
        if (!source.watchesRepository(push)) return WebhookResponse.ignored("repository not watched");
        if (!source.watchesRef(push)) return WebhookResponse.ignored("ref not watched");
        requestFetch.run();
        return WebhookResponse.queued();
    }

    private static String first(Function<String, String> header, String[] names) {
        for (String name : names) {
            String v = header.apply(name);
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }

    /** An event name for the answer, cut short and limited to safe characters. */
    private static String describe(String event) {
        if (event == null) return "(none)";
        String safe = event.replaceAll("[^A-Za-z0-9 _.-]", "");
        return "'" + (safe.length() > 40 ? safe.substring(0, 40) : safe) + "'";
    }
}
