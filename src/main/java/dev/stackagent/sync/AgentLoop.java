package dev.stackagent.sync;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stackagent.config.AgentConfig;
import dev.stackagent.source.GitConfig;

/** Runs the agent: polls Git at the poll interval and syncs changed stacks; a full resync at the resync interval. */
@ApplicationScoped
public class AgentLoop {
    private static final Logger LOG = Logger.getLogger(AgentLoop.class);

    @Inject
    Agent agent;
    @Inject
    GitConfig git;
    @Inject
    AgentConfig config;

    private ScheduledExecutorService executor;

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "stack-agent-loop"));
        executor.scheduleWithFixedDelay(this::poll, 0, git.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::resync, config.resyncInterval().toMillis(), config.resyncInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.infof("stack-agent running: git poll every %s, full resync every %s", git.pollInterval(), config.resyncInterval());
    }

    private boolean first = true;

    void poll() {
        try {
            Set<String> todo = new LinkedHashSet<>(agent.refresh());
            if (first) {
                todo.addAll(agent.stackNames());
                first = false;
            }
            todo.forEach(agent::sync);
        } catch (RuntimeException e) {
            LOG.errorf(e, "poll failed");
        }
    }

    void resync() {
        try {
            agent.syncAll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "resync failed");
        }
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
