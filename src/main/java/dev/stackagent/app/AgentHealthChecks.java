package dev.stackagent.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.jboss.logging.Logger;

import dev.stackagent.status.StatusStore;
import dev.stackagent.gke.GkeConfig;
import dev.stackagent.source.GitConfig;
import dev.stackagent.sync.Agent;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The agent's own health on {@code /q/health/*}. Liveness: the loop still fetches Git (not stuck).
 * Readiness: the agent runs, its first Git fetch is done and the API server answers; never tied to
 * leadership, so a follower stays Ready. Startup: the runtime started and fetched once.
 */
@ApplicationScoped
public class AgentHealthChecks {
    private static final Logger LOG = Logger.getLogger(AgentHealthChecks.class);
    static final Duration API_CHECK_CACHE = Duration.ofSeconds(10);
    static final Duration API_RETRY = Duration.ofSeconds(1);

    @Inject
    AgentRuntime runtime;
    /*
     * The agent and the Kubernetes client through Providers: SmallRye Health creates this bean on the HTTP event loop
     * at the first probe, and a direct injection would build the whole pipeline (Git, sync, notifications) there,
     * blocking the loop for a second at start-up. The checks themselves run on a worker thread.
     */
    @Inject
    Provider<Agent> agent;
    @Inject
    StatusStore status;
    @Inject
    Provider<KubernetesClient> client;
    @Inject
    GitConfig git;
    @Inject
    GkeConfig gke;
    @Inject
    Clock clock;

    private volatile String lastSaid;
    private volatile Instant apiCheckedAt;
    private volatile String apiError;

    @Liveness
    HealthCheck loop() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("stack-agent loop");
            Instant last = runtime.lastFetchAttempt();
            Duration allowed = git.pollInterval().multipliedBy(3).plus(gke.operations().timeout());
            b.withData("leader", runtime.leading()).withData("queueDepth", runtime.queueDepth());
            if (!runtime.started() || last == null) {
                return b.up().withData("state", "not running the loop (CLI or starting)").build();
            }
            b.withData("lastFetchAttempt", last.toString());
            return Duration.between(last, clock.instant()).compareTo(allowed) > 0
                    ? b.down().withData("reason", "no Git fetch for more than " + allowed).build()
                    : b.up().build();
        };
    }

    /**
     * Ready when the agent runs ({@link AgentRuntime#start()} returned), its first Git fetch loaded a
     * revision and the API server answered. Quarkus calls a synchronous check on a worker thread, never on
     * the HTTP event loop, so the API call here may block. SmallRye Health's own INFO line for every DOWN
     * answer is turned off ({@code application.properties}); instead the agent says "not ready yet: why"
     * once each time the reason changes, and "ready" once.
     */
    @Readiness
    HealthCheck ready() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("stack-agent ready");
            Optional<String> revision = agent.get().revision();
            String api = apiServer();
            b.withData("firstGitSync", revision.isPresent()).withData("revision", revision.orElse("-"))
                    .withData("apiServer", api == null ? "reachable" : api);
            status.gitError().ifPresent(e -> b.withData("gitError", e));
            Optional<String> notReady = notReadyReason(runtime.started(), revision.isPresent(), api, status.gitError());
            said(notReady, revision);
            notReady.ifPresent(reason -> b.withData("reason", reason));
            return notReady.isEmpty() ? b.up().build() : b.down().build();
        };
    }

    /**
     * Why the agent is not ready, or empty when it is: it must run, have fetched Git once (a failed fetch
     * says why) and reach the API server. Pure, so the rule is tested without a cluster.
     */
    static Optional<String> notReadyReason(boolean started, boolean fetched, String apiError, Optional<String> gitError) {
        if (!fetched) {
            return Optional.of(gitError.map(e -> "the first Git fetch failed: " + e).orElse("the first Git fetch is not done"));
        }
        if (apiError != null) {
            return Optional.of("the API server is " + apiError);
        }
        if (!started) {
            return Optional.of("the agent is starting (watches, leader election)");
        }
        return Optional.empty();
    }

    /** Logs the readiness state when it changed since the last check: probes every few seconds say it once. */
    private void said(Optional<String> notReady, Optional<String> revision) {
        String state = notReady.map(r -> "not ready yet: " + r).orElse("ready");
        if (!state.equals(lastSaid)) {
            lastSaid = state;
            if (notReady.isPresent()) {
                LOG.info(state);
            } else {
                LOG.infof("ready: revision %s fetched, API server reachable", revision.orElse("-"));
            }
        }
    }

    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("stack-agent started").status(runtime.started() && runtime.lastFetchAttempt() != null)
                .withData("runtime", runtime.started()).build();
    }

    /**
     * Null when the API server answered recently; the error otherwise. An answer is trusted for 10 s, a failure
     * for 1 s: a probe at start-up that finds the API server not yet reachable does not hold readiness back 10 s.
     */
    private String apiServer() {
        Instant now = clock.instant();
        Duration trusted = apiError == null ? API_CHECK_CACHE : API_RETRY;
        if (apiCheckedAt == null || Duration.between(apiCheckedAt, now).compareTo(trusted) > 0) {
            try {
                client.get().getKubernetesVersion();
                apiError = null;
            } catch (RuntimeException e) {
                apiError = "unreachable: " + e.getMessage();
            }
            apiCheckedAt = now;
        }
        return apiError;
    }
}
