package dev.stackagent.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import dev.stackagent.status.StatusStore;
import dev.stackagent.gke.GkeConfig;
import dev.stackagent.source.GitConfig;
import dev.stackagent.sync.Agent;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The agent's own health on {@code /q/health/*}. Liveness: the loop still fetches Git (not stuck).
 * Readiness: the first Git sync is done and the API server answers; never tied to leadership, so a
 * follower stays Ready. Startup: the runtime started and fetched once.
 */
@ApplicationScoped
public class AgentHealthChecks {
    static final Duration API_CHECK_CACHE = Duration.ofSeconds(10);

    @Inject
    AgentRuntime runtime;
    @Inject
    Agent agent;
    @Inject
    StatusStore status;
    @Inject
    KubernetesClient client;
    @Inject
    GitConfig git;
    @Inject
    GkeConfig gke;
    @Inject
    Clock clock;

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

    @Readiness
    HealthCheck ready() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("stack-agent ready");
            boolean synced = agent.revision().isPresent();
            String api = apiServer();
            b.withData("firstGitSync", synced).withData("revision", agent.revision().orElse("-"))
                    .withData("apiServer", api == null ? "reachable" : api);
            status.gitError().ifPresent(e -> b.withData("gitError", e));
            return synced && api == null ? b.up().build() : b.down().build();
        };
    }

    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("stack-agent started").status(runtime.started() && runtime.lastFetchAttempt() != null)
                .withData("runtime", runtime.started()).build();
    }

    /** Null when the API server answered recently; the error otherwise. Checked at most every 10 s. */
    private String apiServer() {
        Instant now = clock.instant();
        if (apiCheckedAt == null || Duration.between(apiCheckedAt, now).compareTo(API_CHECK_CACHE) > 0) {
            try {
                client.getKubernetesVersion();
                apiError = null;
            } catch (RuntimeException e) {
                apiError = "unreachable: " + e.getMessage();
            }
            apiCheckedAt = now;
        }
        return apiError;
    }
}
