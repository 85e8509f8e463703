package dev.stackagent.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackConfig;
import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.live.LiveObjects;
import dev.stackagent.policy.Policy;

/**
 * Guard rails of the verification at run time (issue 11, item 8): the policy bounds the load check
 * and the hosts {@code verification.url} may name whatever validation let through, and what a model
 * server answers reaches the result only as a short sanitised {@link Excerpt}.
 */
class VerificationGuardRailsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectRef SERVICE = new ObjectRef("serving.kserve.io/v1alpha1", "LLMInferenceService", "llm", "qwen");
    private static final ObjectRef GATEWAY = new ObjectRef("gateway.networking.k8s.io/v1", "Gateway", "opendatahub",
            "inference-gateway");
    /** What the committer asked for. */
    private static final VerificationSpec.Load HUGE = new VerificationSpec.Load(true, 2_000_000_000, 1_000_000, null,
            Duration.ofMinutes(10), 0.0, Integer.MAX_VALUE);

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Policy policy(Integer maxRequests, Integer maxConcurrency, List<String> hosts) {
        return new Policy(Policy.API_VERSION, Policy.KIND, null, null, null, null,
                new Policy.Verification(maxRequests, maxConcurrency, hosts), null, null);
    }

    private static VerificationSpec spec(String url, VerificationSpec.Gateway gateway, VerificationSpec.Load load) {
        return new VerificationSpec(true, url, gateway, FakeOpenAiServer.QWEN, null, null, null, Duration.ofSeconds(10), load);
    }

    private static Stack stack(VerificationSpec spec) {
        StackConfig config = new StackConfig(StackConfig.API_VERSION, StackConfig.KIND, null, null, null, null, null, null, spec,
                null);
        return new Stack("qwen", "stacks/qwen", config, List.of(new DesiredObject(SERVICE, JSON.createObjectNode(), "service.yaml", 1)));
    }

    /** A Ready LLMInferenceService and a Gateway whose address is {@code gatewayAddress}. */
    private static LiveObjects cluster(String gatewayAddress) {
        return ref -> {
            ObjectNode o = JSON.createObjectNode();
            if (ref.equals(SERVICE)) {
                o.putObject("metadata").put("namespace", "llm").put("name", "qwen");
                o.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
                return o;
            }
            if (ref.equals(GATEWAY) && gatewayAddress != null) {
                o.putObject("status").putArray("addresses").addObject().put("type", "IPAddress").put("value", gatewayAddress);
                return o;
            }
            return null;
        };
    }

    /** A probe that records the URLs it was asked to call and calls them over {@code http}. */
    private static final class Recording implements StackVerifier.Probe {
        final List<URI> called = new ArrayList<>();
        private final StackVerifier.Probe delegate;

        Recording(HttpClient http, Policy policy) {
            this.delegate = StackVerifier.http(http, Clock.systemUTC(), policy);
        }

        @Override
        public VerificationResult verify(VerificationSpec spec, URI url) {
            called.add(url);
            return delegate.verify(spec, url);
        }
    }

    private static VerificationResult verifyOnce(StackVerifier verifier, VerificationSpec spec) {
        Optional<VerificationResult> result = verifier.after(stack(spec), true, true);
        assertThat(result).isPresent();
        return result.orElseThrow();
    }

    @Test
    void aTwoBillionRequestLoadSpecSendsNoMoreThanThePolicysBounds() {
        Policy policy = policy(40, 4, null);
        StackVerifier.Probe probe = StackVerifier.http(HTTP, Clock.systemUTC(), policy);

        VerificationResult result = probe.verify(spec(null, null, HUGE), server.baseUrl());

        assertThat(result.load()).as(result.summary()).isNotNull();
        assertThat(result.load().requests()).isEqualTo(40);
        assertThat(result.load().concurrency()).isEqualTo(4);
        // one completion of the model checks, then the bounded load
        assertThat(server.completions.get()).isEqualTo(1 + 40);
        assertThat(server.maxInFlight.get()).isBetween(1, 4);
    }

    @Test
    void theBuiltInPolicyCapsALoadAtAThousandRequestsThirtyTwoAtATime() {
        VerificationRequest request = new VerificationRequest(server.baseUrl(), FakeOpenAiServer.QWEN, null, 0,
                Duration.ofSeconds(10), false);

        LoadResult result = new LoadCheck(HTTP, Clock.systemUTC()).run(request, HUGE);

        assertThat(result.requests()).isEqualTo(1000);
        assertThat(result.concurrency()).isEqualTo(32);
        assertThat(server.completions.get()).isEqualTo(1000);
        assertThat(server.maxInFlight.get()).isBetween(1, 32);
    }

    @Test
    void aUrlOnADisallowedHostMakesNoRequestAndFailsWithTheReason() {
        Recording probe = new Recording(HTTP, Policy.defaults());
        StackVerifier verifier = new StackVerifier(cluster(null), probe, Clock.systemUTC(), Policy.defaults());

        VerificationResult evil = verifyOnce(verifier, spec("http://evil.example.com/v1", null, HUGE));
        // the fake server itself, named by a host the policy does not list
        VerificationResult loopback = verifyOnce(verifier, spec(server.baseUrl().toString(), null, HUGE));

        assertThat(probe.called).isEmpty();
        assertThat(server.requests.get()).isZero();
        assertThat(evil.passed()).isFalse();
        assertThat(evil.checks()).extracting(VerificationCheck::name).containsExactly(StackVerifier.URL_CHECK);
        assertThat(evil.check(StackVerifier.URL_CHECK).orElseThrow().message()).isEqualTo(
                "verification.url host 'evil.example.com' is not allowed by the policy"
                        + " (verification.allowedHosts: [*.svc, *.svc.cluster.local])");
        assertThat(evil.summary()).contains("evil.example.com").contains("verification.allowedHosts");
        assertThat(loopback.passed()).isFalse();
        assertThat(loopback.check(StackVerifier.URL_CHECK).orElseThrow().message())
                .startsWith("verification.url host '127.0.0.1' is not allowed by the policy");
    }

    @Test
    void theGatewaysOwnAddressIsAlwaysAllowed() {
        Recording probe = new Recording(HTTP, Policy.defaults());
        StackVerifier verifier = new StackVerifier(cluster("127.0.0.1"), probe, Clock.systemUTC(), Policy.defaults());
        VerificationSpec.Gateway gateway = new VerificationSpec.Gateway(GATEWAY.namespace(), GATEWAY.name(), null);

        VerificationResult result = verifyOnce(verifier, spec(server.baseUrl().toString(), gateway, null));

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(probe.called).containsExactly(server.baseUrl());
        assertThat(server.requests.get()).isPositive();
    }

    @Test
    void anInClusterServiceHostPassesTheCheckAndIsCalled() {
        // the client reaches "qwen.llm.svc" through the fake (as an HTTP proxy): no DNS needed
        HttpClient viaFake = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.baseUrl().getPort()))).build();
        Recording probe = new Recording(viaFake, Policy.defaults());
        StackVerifier verifier = new StackVerifier(cluster(null), probe, Clock.systemUTC(), Policy.defaults());
        String url = "http://qwen.llm.svc" + FakeOpenAiServer.PREFIX;

        VerificationResult result = verifyOnce(verifier, spec(url, null, null));

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(probe.called).containsExactly(URI.create(url));
        assertThat(server.requests.get()).isPositive();
    }

    @Test
    void theHostCheckAllowsOnlyPolicyHostsAndTheGateway() {
        VerificationGuard defaults = VerificationGuard.of(Policy.defaults());

        assertThat(defaults.refusal(URI.create("http://qwen.llm.svc/v1"), null)).isEmpty();
        assertThat(defaults.refusal(URI.create("https://Qwen.LLM.svc.cluster.local:8443/v1"), null)).isEmpty();
        assertThat(defaults.refusal(URI.create("http://34.90.1.2/llm"), "34.90.1.2")).isEmpty();
        assertThat(defaults.refusal(URI.create("http://[::1]:80/llm"), "::1")).isEmpty();
        assertThat(defaults.refusal(URI.create("http://34.90.1.2/llm"), null)).isPresent();
        assertThat(defaults.refusal(URI.create("http://svc.evil.example.com/"), null)).isPresent();
        assertThat(defaults.refusal(URI.create("http://a.svc.evil.example.com/"), null)).isPresent();
        assertThat(defaults.refusal(URI.create("http://a.svc@evil.example.com/"), null).orElseThrow())
                .contains("'evil.example.com'");
        assertThat(defaults.refusal(URI.create("http://user:hunter2@qwen.llm.svc/"), null).orElseThrow())
                .isEqualTo("verification.url must not carry credentials (user info before 'qwen.llm.svc')");
        assertThat(defaults.refusal(URI.create("file:///etc/passwd"), null).orElseThrow())
                .isEqualTo("verification.url must be http:// or https://");
        assertThat(defaults.refusal(URI.create("http:///nohost"), null)).isPresent();

        VerificationGuard wider = VerificationGuard.of(policy(null, null, List.of("models.example.com")));
        assertThat(wider.refusal(URI.create("https://models.example.com/v1"), null)).isEmpty();
        assertThat(wider.refusal(URI.create("http://qwen.llm.svc/v1"), null).orElseThrow())
                .isEqualTo("verification.url host 'qwen.llm.svc' is not allowed by the policy"
                        + " (verification.allowedHosts: [models.example.com])");
    }

    @Test
    void aLoadSpecWithinTheBoundsIsLeftAsWritten() {
        VerificationGuard guard = VerificationGuard.of(Policy.defaults());
        VerificationSpec.Load seed = new VerificationSpec.Load(true, null, null, null, null, null, null);

        assertThat(guard.requests(seed)).isEqualTo(100);
        assertThat(guard.concurrency(seed)).isEqualTo(20);
        assertThat(guard.requests(HUGE)).isEqualTo(1000);
        assertThat(guard.concurrency(HUGE)).isEqualTo(32);
        VerificationSpec.Load negative = new VerificationSpec.Load(true, -5, -1, null, null, null, null);
        assertThat(guard.requests(negative)).isEqualTo(1);
        assertThat(guard.concurrency(negative)).isEqualTo(1);
    }

    @Test
    void aMegabyteAnswerIsReportedAsAShortExcerpt() {
        server.completionText = "Qubits ".repeat(150_000); // ~1 MB

        VerificationResult result = new ModelVerifier(HTTP, Clock.systemUTC()).verify(new VerificationRequest(server.baseUrl(),
                FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false));

        String message = result.check(ModelVerifier.COMPLETIONS).orElseThrow().message();
        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(message).startsWith("1 choice(s), 7 completion tokens: \"Qubits Qubits").endsWith("…\"");
        assertThat(message.length()).isLessThanOrEqualTo("1 choice(s), 7 completion tokens: \"\"".length() + Excerpt.MAX);
    }

    @Test
    void anAnswerWithNewlinesEscapesAndAKeyIsReportedSanitised() {
        String hostile = "\u001b[31mLine one\u001b[0m\r\nline two\u0007\u202e sk-proj-Ab12Cd34Ef56Gh78Ij90"
                + " Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl"
                + " \u001b]0;owned\u0007key 0123456789abcdef0123456789abcdef0123 end";
        server.completionText = hostile;
        server.chatText = hostile;

        VerificationResult result = new ModelVerifier(HTTP, Clock.systemUTC()).verify(new VerificationRequest(server.baseUrl(),
                FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false));

        for (String check : List.of(ModelVerifier.COMPLETIONS, ModelVerifier.CHAT_COMPLETIONS)) {
            String message = result.check(check).orElseThrow().message();
            assertThat(message).contains("Line one line two (redacted) Authorization: Bearer (redacted) key (redacted) end")
                    .doesNotContain("sk-proj", "eyJ", "0123456789abcdef", "owned", "[31m", "\n", "\r", "\u001b", "\u0007",
                            "\u202e");
        }
    }

    @Test
    void anErrorBodyIsReportedOnlyAsAnExcerptInChecksAndTheLoadResult() {
        server.completionsStatus = 500;
        server.errorBody = "{\"error\":\"boom\",\"detail\":\"api_key=sk-live-1234567890abcdef\\n" + "x".repeat(1_000_000) + "\"}";

        VerificationResult checks = new ModelVerifier(HTTP, Clock.systemUTC()).verify(new VerificationRequest(server.baseUrl(),
                FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false));
        LoadResult load = new LoadCheck(HTTP, Clock.systemUTC(), policy(3, 1, null)).run(new VerificationRequest(server.baseUrl(),
                FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false), HUGE);

        String message = checks.check(ModelVerifier.COMPLETIONS).orElseThrow().message();
        assertThat(message).startsWith("HTTP 500: {\"error\":\"boom\",\"detail\":\"api_key=(redacted)").endsWith("…")
                .doesNotContain("sk-live");
        assertThat(message.length()).isLessThanOrEqualTo("HTTP 500: ".length() + Excerpt.MAX);
        assertThat(load.requests()).isEqualTo(3);
        assertThat(load.firstFailure()).isEqualTo(message);
        assertThat(checks.summary().length()).isLessThan(400);
    }

    @Test
    void aResponseLargerThanTheReadLimitIsRefusedUnread() {
        server.completionText = "y".repeat(OpenAiHttp.MAX_BODY_BYTES);

        VerificationResult result = new ModelVerifier(HTTP, Clock.systemUTC()).verify(new VerificationRequest(server.baseUrl(),
                FakeOpenAiServer.QWEN, null, 0, Duration.ofSeconds(10), false));

        assertThat(result.check(ModelVerifier.COMPLETIONS).orElseThrow().message())
                .isEqualTo("POST /v1/completions: response larger than 4 MiB");
    }

    @Test
    void excerptsAreShortOneLineAndRedactCredentials() {
        assertThat(Excerpt.of(null)).isEmpty();
        assertThat(Excerpt.of("  plain answer \n")).isEqualTo("plain answer");
        String long_ = "word ".repeat(100);
        assertThat(Excerpt.of(long_)).hasSizeLessThanOrEqualTo(Excerpt.MAX).endsWith("…");
        assertThat(Excerpt.of("token sk-abcdef123456 and hex " + "ab".repeat(20))).isEqualTo("token (redacted) and hex (redacted)");
        assertThat(Excerpt.of("aws wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.")).isEqualTo("aws (redacted).");
        assertThat(Excerpt.of("{\"password\": \"hunter2\", \"ok\": 1}")).isEqualTo("{\"password\": \"(redacted)\", \"ok\": 1}");
        // names an operator needs stay readable
        assertThat(Excerpt.of("served: [llm-d-inference-scheduling/qwen2-3b-pattern1, Qwen/Qwen2.5-3B-Instruct]"))
                .isEqualTo("served: [llm-d-inference-scheduling/qwen2-3b-pattern1, Qwen/Qwen2.5-3B-Instruct]");
        assertThat(Excerpt.of("量子计算机使用量子比特。")).isEqualTo("量子计算机使用量子比特。");
        assertThat(Excerpt.of("zero\u200bwidth\ufeff")).isEqualTo("zerowidth");
        // a secret that straddles the examined prefix is dropped, not shown in part
        String straddling = "sk-" + "a".repeat(Excerpt.MAX * 4 - 24) + " " + "Q7".repeat(1000);
        assertThat(Excerpt.of(straddling)).isEqualTo(Excerpt.REDACTED + "…");
        // and running an excerpt through again changes nothing
        String once = Excerpt.of("password=hunter2 " + "word ".repeat(50));
        assertThat(Excerpt.of(once, Excerpt.MESSAGE_MAX)).isEqualTo(once);
        assertThat(Excerpt.of("x".repeat(5000))).isEqualTo(Excerpt.REDACTED + "…");
    }
}
