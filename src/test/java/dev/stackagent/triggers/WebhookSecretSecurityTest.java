package dev.stackagent.triggers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guard rail: anyone can call a webhook, so a missing or unreadable secret is logged once, not once per call. */
class WebhookSecretSecurityTest {
    private static final String SECRET = "webhook-canary-secret-5b2e";

    @TempDir
    Path tmp;

    private final List<String> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(WebhookReceiver.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    private static WebhookReceiver receiver(SecretSource github) {
        WatchedSource source = WatchedSource.of(Optional.empty(), Optional.empty(), Optional.of("https://github.com/acme/stacks.git"),
                Optional.of("main"), Optional.empty(), Optional.empty());
        return new WebhookReceiver(Map.of(WebhookProvider.GITHUB, github), source, () -> { });
    }

    private static WebhookResponse call(WebhookReceiver receiver) {
        return receiver.receive(WebhookProvider.GITHUB, h -> null, "{}".getBytes(UTF_8));
    }

    @Test
    void aMissingWebhookSecretIsLoggedOnceNotOncePerRequest() {
        WebhookReceiver receiver = receiver(SecretSource.none());

        for (int i = 0; i < 50; i++) {
            assertThat(call(receiver).status()).isEqualTo(503);
        }

        assertThat(receiver.problemsLogged()).isEqualTo(1);
        assertThat(logged).singleElement().asString().contains("github", "no secret configured");
    }

    @Test
    void anUnreadableSecretFileIsLoggedOnceAndAgainOnlyAfterItWorkedInBetween() throws Exception {
        Path file = tmp.resolve("secret");
        WebhookReceiver receiver = receiver(new SecretSource(Optional.of(file), Optional.empty()));

        for (int i = 0; i < 20; i++) call(receiver);
        assertThat(receiver.problemsLogged()).isEqualTo(1);

        Files.writeString(file, SECRET + "\n");
        assertThat(call(receiver).status()).as("the secret works again: signature checked").isEqualTo(401);
        Files.delete(file);
        for (int i = 0; i < 20; i++) call(receiver);

        assertThat(receiver.problemsLogged()).isEqualTo(2);
        assertThat(String.join("\n", logged)).doesNotContain(SECRET).contains(file.toString());
    }
}
