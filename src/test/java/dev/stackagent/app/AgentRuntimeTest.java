package dev.stackagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.sync.Agent;
import dev.stackagent.config.AgentConfig;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.gke.GkeConfig;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.source.GitConfig;
import dev.stackagent.status.StatusStore;
import dev.stackagent.testing.Stacks;
import dev.stackagent.triggers.Backoff;
import dev.stackagent.triggers.LeadershipConfig;
import dev.stackagent.triggers.Outcome;
import dev.stackagent.triggers.QueueConfig;
import dev.stackagent.triggers.WorkQueue;
import dev.stackagent.triggers.WorkQueueOptions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The agent's periodic work (Git poll, full resync, GKE poll): scheduler jobs exist only between
 * {@code start()} and {@code stop()}, the work does nothing before {@code start()} (so {@code validate}
 * and {@code plan} never fetch), the Git poll runs on every replica and the stack work on the leader only.
 * Time is driven by calling the jobs' methods.
 */
@EnableKubernetesMockClient(crud = true)
class AgentRuntimeTest {
    static final ClusterRef CLUSTER = new ClusterRef("p", "europe-west4-a", "c");

    KubernetesClient client;

    final List<String> runs = new ArrayList<>();
    final Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    final List<String> unscheduled = new ArrayList<>();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void namespace() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    AgentRuntime runtime(boolean electLeader) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withMapping(AgentConfig.class).withMapping(GitConfig.class).withMapping(GkeConfig.class)
                .withMapping(LeadershipConfig.class).withMapping(QueueConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(Map.of(
                        "stack-agent.git.poll-interval", "1m",
                        "stack-agent.resync-interval", "10m",
                        "stack-agent.gke.poll-interval", "2m",
                        "stack-agent.leader-election.enabled", String.valueOf(electLeader),
                        "stack-agent.leader-election.identity", "agent-0",
                        "stack-agent.leader-election.lease-duration", "1h"), "test", 250))
                .build();
        AgentRuntime runtime = new AgentRuntime();
        runtime.client = client;
        runtime.config = config.getConfigMapping(AgentConfig.class);
        runtime.git = config.getConfigMapping(GitConfig.class);
        runtime.gke = config.getConfigMapping(GkeConfig.class);
        runtime.leaderConfig = config.getConfigMapping(LeadershipConfig.class);
        runtime.queueConfig = config.getConfigMapping(QueueConfig.class);
        runtime.registry = new SimpleMeterRegistry();
        runtime.cache = new dev.stackagent.cache.WatchCache(client, "stack-agent", new dev.stackagent.triggers.OwnWrites());
        runtime.stackResources = new dev.stackagent.crd.StackResourceWriter(client, "stack-agent", "", dev.stackagent.crd.StackHealthLookup.none());
        runtime.policy = dev.stackagent.policy.Policy.defaults();
        runtime.clock = Clock.systemUTC();
        runtime.scheduler = recordingScheduler();
        runtime.agent = agentWith("plain", "pooled");
        runtime.queue = new WorkQueue(key -> {
            synchronized (runs) {
                runs.add(key);
            }
            return Outcome.success();
        }, new WorkQueueOptions(1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofMillis(500)),
                Clock.systemUTC(), timer, new DirectExecutor(), () -> 0.5);
        return runtime;
    }

    /** An agent holding {@code plain} (no node pools) and {@code pooled} (a TPU pool) for this cluster. */
    Agent agentWith(String plain, String pooled) {
        Agent agent = new Agent(null, null, new InventoryStore(client, "stack-agent"), new StatusStore(), CLUSTER, List.of());
        agent.accept(new DesiredState("rev1", List.of(stack(plain, ""), stack(pooled, """
                nodePools:
                  - name: tpu-v6e-pool
                    machineType: ct6e-standard-4t
                    tpuTopology: 2x2
                    nodeCount: 1
                """)), Map.of()));
        return agent;
    }

    static dev.stackagent.desired.Stack stack(String name, String extra) {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/" + name + "/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces:
                  - name: %s
                """.formatted(name) + extra);
        return Stacks.load(files);
    }

    /** A {@link Scheduler} that records the jobs defined on it (identity, interval, delay, task) and their removal. */
    Scheduler recordingScheduler() {
        return (Scheduler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Scheduler.class },
                (proxy, method, args) -> switch (method.getName()) {
                case "newJob" -> job((String) args[0]);
                case "unscheduleJob" -> {
                    unscheduled.add((String) args[0]);
                    jobs.remove((String) args[0]);
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Object job(String identity) {
        Map<String, Object> definition = new HashMap<>();
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Scheduler.JobDefinition.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("schedule")) {
                        jobs.put(identity, definition);
                        return null;
                    }
                    definition.put(method.getName(), args[0]);
                    return proxy;
                });
    }

    @SuppressWarnings("unchecked")
    void fire(String job) {
        ((Consumer<ScheduledExecution>) jobs.get(job).get("setTask")).accept(null);
    }

    @Test
    void startWatchesTheStackResourcesAndAnAnnotationQueuesTheStackWithItsRequests() {
        dev.stackagent.testing.TestCrds.installStack(client);
        dev.stackagent.crd.StackResource plain = new dev.stackagent.crd.StackResource();
        plain.getMetadata().setName("plain");
        plain.getMetadata().setNamespace("stack-agent");
        var stacks = client.resources(dev.stackagent.crd.StackResource.class).inNamespace("stack-agent");
        stacks.resource(plain).create();
        AgentRuntime runtime = runtime(false);
        runtime.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (runs) {
                return runs.contains("plain");
            }
        });
        synchronized (runs) {
            runs.clear();
        }

        stacks.withName("plain").edit(r -> {
            r.getMetadata().setAnnotations(Map.of(dev.stackagent.triggers.StackAnnotations.SUSPENDED, "true",
                    dev.stackagent.triggers.StackAnnotations.SUSPENDED_REASON, "INC-7"));
            return r;
        });

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (runs) {
                return runs.contains("plain");
            }
        });
        assertThat(runtime.requests("plain").suspended()).isTrue();
        assertThat(runtime.requests("plain").suspendedReason()).isEqualTo("INC-7");
        assertThat(runtime.requests("pooled")).as("no Stack resource").isEqualTo(dev.stackagent.report.ClusterRequests.NONE);
        runtime.stop();
    }

    @Test
    void beforeStartNothingIsScheduledAndThePeriodicWorkDoesNothing() {
        AgentRuntime runtime = runtime(false);

        runtime.pollGit();
        runtime.resync();
        runtime.pollGke();

        assertThat(jobs).isEmpty();
        assertThat(runs).isEmpty();
    }

    @Test
    void startSchedulesTheGitPollTheResyncAndTheGkePollEachFirstAfterOneInterval() {
        AgentRuntime runtime = runtime(false);
        runtime.start();

        assertThat(jobs).containsOnlyKeys(AgentRuntime.GIT_POLL, AgentRuntime.RESYNC, AgentRuntime.GKE_POLL);
        assertThat(jobs.get(AgentRuntime.GIT_POLL)).containsEntry("setInterval", "PT1M").containsEntry("setDelayed", "PT1M");
        assertThat(jobs.get(AgentRuntime.RESYNC)).containsEntry("setInterval", "PT10M").containsEntry("setDelayed", "PT10M");
        assertThat(jobs.get(AgentRuntime.GKE_POLL)).containsEntry("setInterval", "PT2M").containsEntry("setDelayed", "PT2M");
        runtime.stop();
    }

    @Test
    void theLeaderPollsGitResyncsEveryStackAndPollsGkeForThePooledOnes() {
        AgentRuntime runtime = runtime(false);
        runtime.start();
        assertThat(runtime.leading()).isTrue();
        assertThat(runs).contains(WorkQueue.GIT_FETCH, "plain", "pooled"); // at start: the first fetch, and everything on leading
        runs.clear();

        fire(AgentRuntime.GIT_POLL);
        assertThat(runs).containsExactly(WorkQueue.GIT_FETCH);
        runs.clear();

        fire(AgentRuntime.RESYNC);
        assertThat(runs).containsExactlyInAnyOrder(WorkQueue.GIT_FETCH, "plain", "pooled");
        runs.clear();

        fire(AgentRuntime.GKE_POLL);
        assertThat(runs).containsExactly("pooled");
        runtime.stop();
    }

    @Test
    void aFollowerOnlyFetches() {
        client.leases().inNamespace("stack-agent").resource(new LeaseBuilder()
                .withNewMetadata().withName("stack-agent-leader").withNamespace("stack-agent").endMetadata()
                .withNewSpec().withHolderIdentity("agent-1").withLeaseDurationSeconds(3600)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
        AgentRuntime runtime = runtime(true);
        runtime.start();
        assertThat(runtime.leading()).isFalse();
        runs.clear();

        runtime.pollGit();
        runtime.resync();
        runtime.pollGke();

        assertThat(runs).containsExactly(WorkQueue.GIT_FETCH, WorkQueue.GIT_FETCH);
        runtime.stop();
    }

    @Test
    void stopRemovesTheJobsAndThePeriodicWorkStops() {
        AgentRuntime runtime = runtime(false);
        runtime.start();
        runtime.stop();
        runs.clear();

        runtime.pollGit();
        runtime.resync();
        runtime.pollGke();

        assertThat(unscheduled).containsExactly(AgentRuntime.GIT_POLL, AgentRuntime.RESYNC, AgentRuntime.GKE_POLL);
        assertThat(jobs).isEmpty();
        assertThat(runs).isEmpty();
    }

    /** Runs the queue's work in the calling thread, so a test sees it at once. */
    static final class DirectExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
