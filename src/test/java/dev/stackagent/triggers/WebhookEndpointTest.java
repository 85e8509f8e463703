package dev.stackagent.triggers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The webhook endpoint over HTTP, with a fake fetch handler behind the real work queue. */
@QuarkusTest
@TestProfile(WebhookEndpointTest.Profile.class)
class WebhookEndpointTest {
    static final String SECRET = "It's a Secret to Everybody";

    /** GitHub secret, a GitLab token, no generic secret, a small body limit and a fake fetch. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stack-agent.webhook.github.secret", SECRET,
                    "stack-agent.webhook.gitlab.token", "gl-token",
                    "stack-agent.webhook.max-body-size", "64K",
                    "stack-agent.git.url", "https://github.com/acme/stacks.git",
                    "stack-agent.git.branch", "main");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(LatchedFetchHandler.class);
        }
    }

    @Inject
    LatchedFetchHandler fetch;

    @Inject
    WorkQueue queue;

    @BeforeEach
    void idle() {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.inFlight() == 0 && queue.depth() == 0);
        fetch.gate = new CountDownLatch(0);
        fetch.fetches.set(0);
    }

    private static io.restassured.response.Response githubPost(String event, String signature, String body) {
        return given().header("X-GitHub-Event", event).header("X-Hub-Signature-256", signature)
                .contentType("application/json").body(body).post("/api/v1/webhooks/github");
    }

    @Test
    void gitHubDocumentedExamplePongs() {
        githubPost("ping", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "Hello, World!")
                .then().statusCode(200).body(equalTo("pong"));
    }

    @Test
    void aWrongSignatureIs401AndQueuesNothing() {
        String body = WebhookReceiverTest.githubPush("https://github.com/acme/stacks.git", "refs/heads/main");
        githubPost("push", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", body)
                .then().statusCode(401).body(equalTo("signature verification failed"));
        assertThat(queue.depth() + queue.inFlight()).isZero();
        assertThat(fetch.fetches).hasValue(0);
    }

    @Test
    void aBurstOfHundredPushesFetchesAtMostTwice() {
        fetch.gate = new CountDownLatch(1);
        String body = WebhookReceiverTest.githubPush("git@github.com:acme/stacks.git", "refs/heads/main");
        String signature = "sha256=" + WebhookReceiverTest.sign(SECRET, body);
        githubPost("push", signature, body).then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> fetch.fetches.get() == 1);
        for (int i = 1; i < 100; i++) githubPost("push", signature, body).then().statusCode(202);
        fetch.gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.inFlight() == 0 && queue.depth() == 0);
        assertThat(fetch.fetches.get()).isBetween(1, 2);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("stack_agent_webhook_requests_total{provider=\"github\",result=\"queued\"}"))
                .body(containsString("stack_agent_queue_depth"));
    }

    @Test
    void errorsAreAnsweredWithoutQueueing() {
        given().body("{}").post("/api/v1/webhooks/bitbucket").then().statusCode(404);
        given().header("X-Signature-256", "sha256=00").body("{}").post("/api/v1/webhooks/generic")
                .then().statusCode(503).body(containsString("generic"));
        given().header("X-Gitlab-Token", "gl-token").header("X-Gitlab-Event", "Push Hook").body("{oops")
                .post("/api/v1/webhooks/gitlab").then().statusCode(400);
        given().header("X-Gitlab-Token", "gl-token").header("X-Gitlab-Event", "Push Hook").body("x".repeat(70_000))
                .post("/api/v1/webhooks/gitlab").then().statusCode(413);
        assertThat(fetch.fetches).hasValue(0);
    }
}
