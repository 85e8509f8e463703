package dev.stackagent.notify;

import static dev.stackagent.notify.NotifyFixtures.SHA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.notify.status.CommitState;
import dev.stackagent.notify.status.CommitStatusReporter;
import dev.stackagent.notify.status.Provider;
import dev.stackagent.notify.status.RepoLocation;
import dev.stackagent.notify.status.StatusOutcome;

/**
 * Each provider's commit status request, as its API documents it, checked on a loopback fake:
 * GitHub {@code POST /repos/{owner}/{repo}/statuses/{sha}} with a Bearer token, GitLab
 * {@code POST /api/v4/projects/{url-encoded path}/statuses/{sha}} with {@code PRIVATE-TOKEN}, Gitea
 * {@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}} with {@code Authorization: token}.
 */
class CommitStatusProviderTest {
    @TempDir
    Path tmp;

    private List<FakeProviderApi.Recorded> post(Provider provider, String basePath, String repo, StatusOutcome... outcomes) throws Exception {
        try (FakeProviderApi api = new FakeProviderApi()) {
            NotifyFixtures.Parts parts = new NotifyFixtures.Parts(Clock.systemUTC());
            Path token = NotifyFixtures.secret(tmp, "token", "tok-" + provider.id() + "-123");
            CommitStatusReporter reporter = new CommitStatusReporter(new RepoLocation(provider, api.base() + basePath, repo), token.toString(),
                    "https://dash.example.com/stacks/chat", "prod-eu", parts.sender::send);
            for (StatusOutcome o : outcomes) {
                reporter.report("chat", SHA, o);
            }
            assertThat(parts.count(provider.id(), dev.stackagent.notify.delivery.NotificationMetrics.Result.delivered))
                    .isEqualTo(outcomes.length);
            return api.requests();
        }
    }

    @Test
    void githubCommitStatusHasTheDocumentedPathHeadersAndBody() throws Exception {
        List<FakeProviderApi.Recorded> requests = post(Provider.GITHUB, "/api/v3", "acme/llm-config",
                StatusOutcome.loaded(), new StatusOutcome(CommitState.SUCCESS, "applied 2 objects; healthy; model verified 4/4, p95 420 ms"));
        FakeProviderApi.Recorded r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v3/repos/acme/llm-config/statuses/" + SHA);
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok-github-123");
        assertThat(r.header("Accept")).isEqualTo("application/vnd.github+json");
        JsonNode body = r.json();
        assertThat(body.get("state").asText()).isEqualTo("pending");
        assertThat(body.get("context").asText()).isEqualTo("stack-agent/prod-eu/chat");
        assertThat(body.get("target_url").asText()).isEqualTo("https://dash.example.com/stacks/chat");
        assertThat(requests.get(1).json().get("state").asText()).isEqualTo("success");
        assertThat(requests.get(1).json().get("description").asText()).isEqualTo("applied 2 objects; healthy; model verified 4/4, p95 420 ms");
    }

    @Test
    void gitlabCommitStatusUsesTheEncodedProjectPathPrivateTokenAndItsStateNames() throws Exception {
        List<FakeProviderApi.Recorded> requests = post(Provider.GITLAB, "", "platform/llm/config",
                StatusOutcome.loaded(), new StatusOutcome(CommitState.ERROR, "apply failed: x"),
                new StatusOutcome(CommitState.SUCCESS, "ok"));
        FakeProviderApi.Recorded r = requests.get(0);
        assertThat(r.path()).isEqualTo("/api/v4/projects/platform%2Fllm%2Fconfig/statuses/" + SHA);
        assertThat(r.header("PRIVATE-TOKEN")).isEqualTo("tok-gitlab-123");
        assertThat(r.header("Authorization")).isNull();
        assertThat(r.json().get("name").asText()).isEqualTo("stack-agent/prod-eu/chat");
        assertThat(r.json().has("context")).isFalse();
        assertThat(requests.stream().map(q -> q.json().get("state").asText())).containsExactly("pending", "failed", "success");
    }

    @Test
    void giteaCommitStatusUsesTheV1PathAndTokenAuthorization() throws Exception {
        List<FakeProviderApi.Recorded> requests = post(Provider.GITEA, "", "ops/config",
                new StatusOutcome(CommitState.FAILURE, "rejected: stacks/chat/stack.yaml:12: bad"));
        FakeProviderApi.Recorded r = requests.get(0);
        assertThat(r.path()).isEqualTo("/api/v1/repos/ops/config/statuses/" + SHA);
        assertThat(r.header("Authorization")).isEqualTo("token tok-gitea-123");
        assertThat(r.json().get("state").asText()).isEqualTo("failure");
        assertThat(r.json().get("context").asText()).isEqualTo("stack-agent/prod-eu/chat");
        assertThat(r.json().get("description").asText()).isEqualTo("rejected: stacks/chat/stack.yaml:12: bad");
    }

    @Test
    void providerStateNamesFollowEachApi() {
        assertThat(List.of(CommitState.values()).stream().map(Provider.GITHUB::stateName)).containsExactly("pending", "success", "failure", "error");
        assertThat(List.of(CommitState.values()).stream().map(Provider.GITEA::stateName)).containsExactly("pending", "success", "failure", "error");
        assertThat(List.of(CommitState.values()).stream().map(Provider.GITLAB::stateName)).containsExactly("pending", "success", "failed", "failed");
    }
}
