package dev.stackagent.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.stackagent.net.LazyHttpClient;
import dev.stackagent.config.NotificationConfig;
import dev.stackagent.notify.alert.AlertChannel;
import dev.stackagent.notify.alert.AlertReporter;
import dev.stackagent.notify.delivery.DeliveryQueue;
import dev.stackagent.notify.delivery.HttpSender;
import dev.stackagent.notify.delivery.NotificationMetrics;
import dev.stackagent.notify.delivery.ProviderFailureSink;
import dev.stackagent.notify.delivery.Sleeper;
import dev.stackagent.notify.status.CommitStatusReporter;
import dev.stackagent.notify.status.RepoLocation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the {@link Notifier} from {@code stack-agent.notifications.*}: commit statuses when a token
 * file is set, alerts when channels are configured. A setting that cannot work (an unknown provider,
 * a repository that cannot be told from the Git URL, a channel type) stops the agent with one line.
 */
public final class NotificationSetup {
    private static final Logger LOG = Logger.getLogger(NotificationSetup.class);

    private NotificationSetup() {
    }

    public static Notifier create(NotificationConfig config, Optional<String> gitUrl, String cluster, MeterRegistry registry,
            ProviderFailureSink failures, Clock clock) {
        return create(config, gitUrl, cluster, registry, failures, clock, LazyHttpClient.of(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)), Sleeper.REAL);
    }

    /** As above, with the HTTP client and the sleeper given (tests: a loopback server, no waiting). */
    public static Notifier create(NotificationConfig config, Optional<String> gitUrl, String cluster, MeterRegistry registry,
            ProviderFailureSink failures, Clock clock, HttpClient http, Sleeper sleeper) {
        NotificationMetrics metrics = new NotificationMetrics(registry);
        HttpSender sender = new HttpSender(http, clock, sleeper, new HttpSender.Retry(Math.max(1, config.maxAttempts()), config.initialBackoff(),
                config.maxBackoff(), config.maxRateLimitWait()), metrics, failures, config.failureEventThreshold());
        DeliveryQueue queue = new DeliveryQueue(config.queueCapacity(), metrics, sender::send);

        CommitStatusReporter statuses = null;
        NotificationConfig.CommitStatus cs = config.commitStatus();
        if (cs.tokenFile().filter(f -> !f.isBlank()).isPresent()) {
            RepoLocation where = RepoLocation.of(gitUrl, cs.provider(), cs.baseUrl(), cs.repository());
            statuses = new CommitStatusReporter(where, cs.tokenFile().get(), cs.targetUrl().orElse(null), cluster, queue::submit);
            LOG.infof("commit statuses: %s %s at %s, context stack-agent/%s/<stack>", where.provider().id(), where.repository(), where.apiBase(),
                    cluster);
        }
        Map<String, AlertChannel> channels = new LinkedHashMap<>();
        config.alerts().channels().forEach((name, c) -> channels.put(name, new AlertChannel(name, AlertChannel.Type.named(c.type()), c.urlFile())));
        Map<String, List<String>> routes = new LinkedHashMap<>();
        config.alerts().routes().forEach((stack, names) -> routes.put(stack,
                Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList()));
        AlertReporter alerts = new AlertReporter(channels, routes, cluster, config.alerts().maxPerMinute(), clock, metrics, queue::submit);
        if (!channels.isEmpty()) {
            LOG.infof("alerts: channels %s", String.join(", ", channels.keySet()));
        }
        if (statuses != null || !channels.isEmpty()) {
            queue.start();
        }
        return new Notifier(statuses, alerts, config.alerts().transitionGrace(), clock, queue);
    }
}
