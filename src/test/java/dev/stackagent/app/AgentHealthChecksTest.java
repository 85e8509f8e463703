package dev.stackagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.source.GitDaemonServer;
import dev.stackagent.source.GitSettingsBuilder;
import dev.stackagent.source.GitSource;
import dev.stackagent.source.TestRepo;
import dev.stackagent.status.StatusStore;
import dev.stackagent.sync.Agent;
import dev.stackagent.testing.CapturedLogs;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * Readiness is honest however the start-up work is ordered: DOWN until the agent runs, its first Git fetch
 * loaded a revision and the API server answered; a failed first fetch says why. The reason is logged once per
 * change, not once per probe.
 */
@EnableKubernetesMockClient(crud = true)
class AgentHealthChecksTest {
    static final ClusterRef CLUSTER = new ClusterRef("p", "europe-west4-a", "c");

    KubernetesClient client;

    @TempDir
    Path tmp;

    TestRepo upstream;
    GitDaemonServer server;
    final StatusStore status = new StatusStore();
    volatile boolean started;

    @BeforeEach
    void repository() throws Exception {
        upstream = TestRepo.create(tmp.resolve("upstream"));
        upstream.commit(Map.of("README.md", "no stacks yet\n"), "first");
        server = new GitDaemonServer(upstream.repository()).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        upstream.close();
    }

    Agent agent(String url) {
        GitSource git = new GitSource(GitSettingsBuilder.of(url).cacheDir(tmp.resolve("cache")).build());
        return new Agent(git, null, new InventoryStore(client, "stack-agent"), status, CLUSTER, List.of());
    }

    HealthCheck ready(Agent agent, KubernetesClient api) {
        AgentHealthChecks checks = new AgentHealthChecks();
        checks.runtime = new AgentRuntime() {
            @Override
            public boolean started() {
                return started;
            }
        };
        checks.agent = () -> agent;
        checks.client = () -> api;
        checks.status = status;
        checks.clock = Clock.systemUTC();
        return checks.ready();
    }

    static String reason(HealthCheckResponse r) {
        return String.valueOf(r.getData().orElseThrow().get("reason"));
    }

    @Test
    void downUntilTheAgentRunsAndItsFirstFetchIsDoneThenUp() {
        Agent agent = agent(server.url());
        HealthCheck ready = ready(agent, client);

        HealthCheckResponse before = ready.call();
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(reason(before)).isEqualTo("the first Git fetch is not done");

        agent.refresh(); // fetched while the runtime still starts (it queues the fetch first)
        HealthCheckResponse starting = ready.call();
        assertThat(starting.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(reason(starting)).startsWith("the agent is starting");

        started = true;
        HealthCheckResponse up = ready.call();
        assertThat(up.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(up.getData().orElseThrow()).containsEntry("firstGitSync", true).containsEntry("apiServer", "reachable");
    }

    @Test
    void aFailedFirstFetchKeepsItDownAndSaysWhy() throws Exception {
        Agent agent = agent("git://127.0.0.1:" + closedPort() + "/repo.git");
        started = true;
        agent.refresh();

        HealthCheckResponse r = ready(agent, client).call();

        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(reason(r)).startsWith("the first Git fetch failed: ");
        assertThat(r.getData().orElseThrow()).containsEntry("firstGitSync", false).containsKey("gitError");
    }

    @Test
    void fetchedButTheApiServerUnreachableIsDown() throws Exception {
        Agent agent = agent(server.url());
        started = true;
        agent.refresh();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closedPort()).withRequestRetryBackoffLimit(0).withConnectionTimeout(2000)
                .withRequestTimeout(2000).build()).build()) {
            HealthCheckResponse r = ready(agent, unreachable).call();

            assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(reason(r)).startsWith("the API server is unreachable");
        }
    }

    @Test
    void theReasonIsLoggedOncePerChangeNotOncePerProbe() {
        Agent agent = agent(server.url());
        started = true;
        HealthCheck ready = ready(agent, client);
        try (CapturedLogs logs = new CapturedLogs()) {
            ready.call();
            ready.call();
            ready.call();
            agent.refresh();
            ready.call();
            ready.call();

            assertThat(logs.text().split("not ready yet: the first Git fetch is not done", -1)).hasSize(2);
            assertThat(logs.text().split("ready: revision ", -1)).hasSize(2);
        }
    }

    @Test
    void theRuleNeedsAllThree() {
        assertThat(AgentHealthChecks.notReadyReason(true, true, null, Optional.empty())).isEmpty();
        assertThat(AgentHealthChecks.notReadyReason(false, true, null, Optional.empty())).isPresent();
        assertThat(AgentHealthChecks.notReadyReason(true, false, null, Optional.empty())).isPresent();
        assertThat(AgentHealthChecks.notReadyReason(true, true, "unreachable: refused", Optional.empty())).isPresent();
        assertThat(AgentHealthChecks.notReadyReason(true, true, null, Optional.of("a later fetch failed")))
                .as("a fetch failing after the first keeps the last good revision: still ready").isEmpty();
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
