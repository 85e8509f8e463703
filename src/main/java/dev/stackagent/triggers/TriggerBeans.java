package dev.stackagent.triggers;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * CDI wiring of the trigger parts. The {@link WorkQueue} calls whatever {@link WorkHandler} bean the
 * application provides (the sync pipeline); until there is one, work is dropped with a debug line.
 * The webhook receiver queues {@link WorkQueue#GIT_FETCH}.
 */
@Singleton
public class TriggerBeans {
    private static final Logger LOG = Logger.getLogger(TriggerBeans.class);

    @Produces
    @Singleton
    WorkQueue workQueue(QueueConfig config, Instance<WorkHandler> handlers, MeterRegistry registry) {
        WorkQueue queue = WorkQueue.create(key -> {
            if (!handlers.isResolvable()) {
                LOG.debugf("no work handler installed; dropping %s", key);
                return Outcome.success();
            }
            return handlers.get().handle(key);
        }, WorkQueueOptions.from(config));
        queue.bindMetrics(registry);
        return queue;
    }

    void stopQueue(@Disposes WorkQueue queue, QueueConfig config) {
        queue.shutdown(config.shutdownGrace());
    }

    @Produces
    @Singleton
    WebhookReceiver webhookReceiver(WebhookConfig config, WorkQueue queue,
            @ConfigProperty(name = "stack-agent.git.url") Optional<String> gitUrl,
            @ConfigProperty(name = "stack-agent.git.branch") Optional<String> branch,
            @ConfigProperty(name = "stack-agent.git.tag") Optional<String> tag,
            @ConfigProperty(name = "stack-agent.git.commit") Optional<String> commit) {
        WatchedSource source = WatchedSource.of(config.repositories(), config.ref(), gitUrl, branch, tag, commit);
        return new WebhookReceiver(Map.of(
                WebhookProvider.GITHUB, new SecretSource(config.github().secretFile(), config.github().secret()),
                WebhookProvider.GITLAB, new SecretSource(config.gitlab().tokenFile(), config.gitlab().token()),
                WebhookProvider.GENERIC, new SecretSource(config.generic().secretFile(), config.generic().secret())),
                source, () -> queue.enqueue(WorkQueue.GIT_FETCH));
    }
}
