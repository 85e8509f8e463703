package dev.stackagent.triggers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookReceiverTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String REPO = "https://github.com/acme/stacks.git";

    private final AtomicInteger fetches = new AtomicInteger();
    private final WatchedSource source = WatchedSource.of(Optional.empty(), Optional.empty(), Optional.of(REPO),
            Optional.of("main"), Optional.empty(), Optional.empty());

    private WebhookReceiver receiver(Map<WebhookProvider, SecretSource> secrets) {
        return new WebhookReceiver(secrets, source, fetches::incrementAndGet);
    }

    private WebhookReceiver receiver() {
        SecretSource secret = new SecretSource(Optional.empty(), Optional.of(SECRET));
        return receiver(Map.of(WebhookProvider.GITHUB, secret, WebhookProvider.GITLAB, secret, WebhookProvider.GENERIC, secret));
    }

    private static WebhookResponse call(WebhookReceiver r, WebhookProvider p, Map<String, String> headers, String body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return r.receive(p, h::get, body.getBytes(UTF_8));
    }

    static String sign(String secret, String body) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(secret.getBytes(UTF_8), body.getBytes(UTF_8)));
    }

    static String githubPush(String cloneUrl, String ref) {
        return """
                {"ref":"%s","repository":{"clone_url":"%s","full_name":"acme/whatever"}}""".formatted(ref, cloneUrl);
    }

    @Test
    void gitHubDocumentedExampleVerifiesAndAPingIsAnswered() {
        WebhookResponse r = call(receiver(), WebhookProvider.GITHUB, Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "X-GitHub-Event", "ping"),
                "Hello, World!");
        assertThat(r).isEqualTo(new WebhookResponse(200, "pong", "pong"));
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aWrongSignatureIs401AndTriggersNothing() {
        String body = githubPush(REPO, "refs/heads/main");
        WebhookResponse r = call(receiver(), WebhookProvider.GITHUB, Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", "X-GitHub-Event", "push"), body);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).doesNotContain("acme");
        assertThat(call(receiver(), WebhookProvider.GITHUB, Map.of("X-GitHub-Event", "push"), body).status()).isEqualTo(401);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aGitHubPushToTheWatchedRepoAndBranchQueuesAFetch() {
        String body = githubPush("https://github.com/Acme/stacks", "refs/heads/main");
        WebhookResponse r = call(receiver(), WebhookProvider.GITHUB,
                Map.of("X-Hub-Signature-256", "sha256=" + sign(SECRET, body), "X-GitHub-Event", "push"), body);
        assertThat(r).isEqualTo(new WebhookResponse(202, "queued", "accepted: git fetch queued"));
        assertThat(fetches).hasValue(1);
    }

    @Test
    void pushesElsewhereAndOtherEventsAreIgnored() {
        WebhookReceiver receiver = receiver();
        for (String body : new String[] {githubPush("https://github.com/acme/other.git", "refs/heads/main"),
                githubPush(REPO, "refs/heads/feature"), githubPush(REPO, "refs/tags/main")}) {
            WebhookResponse r = call(receiver, WebhookProvider.GITHUB,
                    Map.of("X-Hub-Signature-256", "sha256=" + sign(SECRET, body), "X-GitHub-Event", "push"), body);
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.result()).isEqualTo("ignored");
        }
        String body = "{}";
        WebhookResponse issues = call(receiver, WebhookProvider.GITHUB,
                Map.of("X-Hub-Signature-256", "sha256=" + sign(SECRET, body), "X-GitHub-Event", "issues"), body);
        assertThat(issues.result()).isEqualTo("ignored");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void malformedJsonIs400AfterVerification() {
        String body = "{not json";
        WebhookResponse r = call(receiver(), WebhookProvider.GITHUB,
                Map.of("X-Hub-Signature-256", "sha256=" + sign(SECRET, body), "X-GitHub-Event", "push"), body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(fetches).hasValue(0);
    }

    @Test
    void gitLabTokenAndPushHooks() {
        String push = """
                {"object_kind":"push","ref":"refs/heads/main",
                 "project":{"git_ssh_url":"git@github.com:acme/stacks.git","path_with_namespace":"acme/stacks"}}""";
        WebhookReceiver receiver = receiver();
        assertThat(call(receiver, WebhookProvider.GITLAB, Map.of("X-Gitlab-Token", "wrong", "X-Gitlab-Event", "Push Hook"), push)
                .status()).isEqualTo(401);
        assertThat(fetches).hasValue(0);
        assertThat(call(receiver, WebhookProvider.GITLAB, Map.of("X-Gitlab-Token", SECRET, "X-Gitlab-Event", "Push Hook"), push)
                .result()).isEqualTo("queued");
        assertThat(call(receiver, WebhookProvider.GITLAB, Map.of("X-Gitlab-Token", SECRET, "X-Gitlab-Event", "Merge Request Hook"), push)
                .result()).isEqualTo("ignored");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void gitLabTagPushToTheWatchedTag() {
        WatchedSource tagged = WatchedSource.of(Optional.empty(), Optional.empty(), Optional.of(REPO), Optional.empty(),
                Optional.of("v2"), Optional.empty());
        WebhookReceiver receiver = new WebhookReceiver(Map.of(WebhookProvider.GITLAB,
                new SecretSource(Optional.empty(), Optional.of("t"))), tagged, fetches::incrementAndGet);
        String push = """
                {"object_kind":"tag_push","ref":"refs/tags/v2","project":{"path_with_namespace":"acme/stacks"}}""";
        assertThat(call(receiver, WebhookProvider.GITLAB, Map.of("X-Gitlab-Token", "t", "X-Gitlab-Event", "Tag Push Hook"), push)
                .result()).isEqualTo("queued");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void genericAcceptsGiteaAndPrefixedSignatures() {
        String body = githubPush("http://gitea.local:3000/acme/stacks.git", "refs/heads/main");
        SecretSource secret = new SecretSource(Optional.empty(), Optional.of("g"));
        WatchedSource gitea = WatchedSource.of(Optional.empty(), Optional.empty(), Optional.of("git@gitea.local:acme/stacks.git"),
                Optional.empty(), Optional.empty(), Optional.empty());
        WebhookReceiver receiver = new WebhookReceiver(Map.of(WebhookProvider.GENERIC, secret), gitea, fetches::incrementAndGet);
        assertThat(call(receiver, WebhookProvider.GENERIC, Map.of("X-Gitea-Signature", sign("g", body), "X-Gitea-Event", "push"), body)
                .result()).isEqualTo("queued");
        assertThat(call(receiver, WebhookProvider.GENERIC, Map.of("X-Signature-256", "sha256=" + sign("g", body)), body)
                .result()).isEqualTo("queued");
        assertThat(call(receiver, WebhookProvider.GENERIC, Map.of("X-Gitea-Signature", sign("h", body)), body)
                .status()).isEqualTo(401);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anUnconfiguredProviderIs503() {
        WebhookReceiver receiver = receiver(Map.of());
        WebhookResponse r = call(receiver, WebhookProvider.GITHUB, Map.of("X-GitHub-Event", "ping"), "{}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.message()).contains("github").contains("not configured");
    }

    @Test
    void theSecretFileIsReadOnEveryCallSoRotationNeedsNoRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "old\n");
        WebhookReceiver receiver = receiver(Map.of(WebhookProvider.GITHUB, new SecretSource(Optional.of(file), Optional.of("ignored"))));
        String body = "{}";
        Map<String, String> signedOld = Map.of("X-Hub-Signature-256", "sha256=" + sign("old", body), "X-GitHub-Event", "ping");
        Map<String, String> signedNew = Map.of("X-Hub-Signature-256", "sha256=" + sign("new", body), "X-GitHub-Event", "ping");
        assertThat(call(receiver, WebhookProvider.GITHUB, signedOld, body).status()).isEqualTo(200);
        Files.writeString(file, "new");
        assertThat(call(receiver, WebhookProvider.GITHUB, signedOld, body).status()).isEqualTo(401);
        assertThat(call(receiver, WebhookProvider.GITHUB, signedNew, body).status()).isEqualTo(200);
        Files.delete(file);
        WebhookResponse missing = call(receiver, WebhookProvider.GITHUB, signedNew, body);
        assertThat(missing.status()).isEqualTo(503);
        assertThat(missing.message()).doesNotContain("new");
    }

    @Test
    void aSecretSourceNeverPrintsItsValue() {
        assertThat(new SecretSource(Optional.empty(), Optional.of("hunter2")).toString()).doesNotContain("hunter2");
    }

    @Test
    void boundedBodyStopsAtTheLimit() throws Exception {
        byte[] small = BoundedBody.read(new java.io.ByteArrayInputStream(new byte[10]), 10);
        assertThat(small).hasSize(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> BoundedBody.read(new java.io.ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(BoundedBody.TooLarge.class);
    }
}
