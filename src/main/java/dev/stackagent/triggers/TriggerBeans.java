package dev.stackagent.triggers;

import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.stackagent.source.GitConfig;
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
    WebhookReceiver webhookReceiver(WebhookConfig config, GitConfig git, WorkQueue queue) {
        WatchedSource source = WatchedSource.of(config.repositories(), config.ref(), git.url(), git.branch(), git.tag(),
                git.commit());
        return new WebhookReceiver(Map.of(
                WebhookProvider.GITHUB, new SecretSource(config.github().secretFile(), config.github().secret()),
                WebhookProvider.GITLAB, new SecretSource(config.gitlab().tokenFile(), config.gitlab().token()),
                WebhookProvider.GENERIC, new SecretSource(config.generic().secretFile(), config.generic().secret())),
                source, () -> queue.enqueue(WorkQueue.GIT_FETCH));
    }
}
