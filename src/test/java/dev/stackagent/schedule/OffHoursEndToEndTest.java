package dev.stackagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.gke.ClockSleeper;
import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.gke.GkeNodePools;
import dev.stackagent.gke.NodePools;
import dev.stackagent.gke.OperationPolicy;
import dev.stackagent.metrics.StackMetrics;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.report.SyncResult;
import dev.stackagent.template.TemplateFiles;
import dev.stackagent.testing.MutableClock;
import dev.stackagent.testing.Stacks;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.stackagent.testing.ApiServerSimulation;

/**
 * Off-hours scale-to-zero end to end, on simulated time: the seed's stack from
 * {@code config-repo-template} (weekdays 07:00-19:00 Europe/Amsterdam, 20 min wake lead), the
 * Kubernetes test server, the fake GKE, and a simulator playing GKE's nodes, the cluster autoscaler
 * and KServe (a 13 minute cold start). Time moves only when the agent asks to be woken up.
 */
@EnableKubernetesMockClient(crud = true)
class OffHoursEndToEndTest {
    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final ClusterRef CLUSTER = new ClusterRef("ecoeng-llmd", "europe-west4-a", "llmd-istio-tpu-pattern1");
    static final String NS = "llm-d-inference-scheduling";
    static final String SERVICE = "qwen2-3b-pattern1";
    static final String POOL = "tpu-v6e-pool";

    KubernetesClient client;
    KubernetesMockServer server;
    FakeClusterManager gke;
    MutableClock clock;
    SimpleMeterRegistry registry;
    StackMetrics metrics;
    StackSync sync;
    ClusterSimulator sim;
    Stack stack;
    final List<String> log = new ArrayList<>();

    static Instant local(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), AMS).toInstant();
    }

    @BeforeEach
    void setUp() {
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them (the agent dry-runs its writes)
        TestCrds.installLlmInferenceService(client);
        for (String ns : List.of("stack-agent", "istio-system")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret")
                .endMetadata().addToData(".dockerconfigjson", "e30=").build()).create();
        gke = new FakeClusterManager().start().addCluster(CLUSTER).pollsToDone(3);
        registry = new SimpleMeterRegistry();
        stack = template(Map.of());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        gke.close();
    }

    /** A new agent process: fresh objects, nothing in memory, only what the cluster and GKE hold. */
    void startAgent(Instant now) {
        if (clock == null) {
            clock = new MutableClock(now);
        } else {
            clock.set(now);
        }
        NodePools pools = new GkeNodePools(gke.client(), new KubernetesNodeCounter(client), registry,
                new OperationPolicy(Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofMinutes(30), 10, Duration.ofMinutes(10)),
                new ClockSleeper(clock));
        sync = new StackSync(SyncParts.of(client, "stack-agent", pools, EventRecorder.NONE), clock);
        if (metrics == null) {
            metrics = new StackMetrics(registry, CostModel.defaults(), new KubernetesNodeCounter(client));
        }
        sim = new ClusterSimulator(client, gke, clock, NS, SERVICE);
    }

    /** The template's stack, with {@code replace} applied to stack.yaml / the LLMInferenceService text. */
    static Stack template(Map<String, String> replace) {
        var files = StackLoader.readDirectory(TemplateFiles.projectDir().resolve("config-repo-template"));
        Map<String, String> text = new java.util.TreeMap<>();
        files.forEach((k, v) -> text.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        replace.forEach((from, to) -> text.replaceAll((k, v) -> v.replace(from, to)));
        DesiredState state = StackLoader.load("rev", Stacks.files(text));
        assertThat(state.errors()).isEmpty();
        return state.stacks().get(0);
    }

    SyncResult syncOnce() {
        SyncResult r = sync.sync(stack, "rev");
        assertThat(r.error()).as("sync at %s", clock.instant()).isNull();
        metrics.record(stack, r);
        log.add(clock.instant().atZone(AMS).toLocalDateTime() + " " + r.sleep().state() + " " + r.sleep().action());
        sim.step();
        return r;
    }

    /** Syncs whenever the agent asks to be woken, until its transition settles (or fails the test after {@code limit}). */
    SyncResult settle(Duration limit) {
        Instant deadline = clock.instant().plus(limit);
        while (true) {
            SyncResult r = syncOnce();
            if (r.sleep().progress().step() == TransitionStep.Settled && r.sleep().action() == TransitionAction.NONE) {
                return r;
            }
            Instant next = r.requeueAt() == null || !r.requeueAt().isAfter(clock.instant()) ? clock.instant().plusSeconds(1) : r.requeueAt();
            assertThat(next).as("transition did not settle within %s: %s", limit, log).isBeforeOrEqualTo(deadline);
            clock.set(next);
        }
    }

    int poolNodes() {
        return client.nodes().withLabel("cloud.google.com/gke-nodepool", POOL).list().getItems().size();
    }

    int replicasLive() {
        return ((Number) ((Map<?, ?>) sim.llmisvc().getAdditionalProperties().get("spec")).get("replicas")).intValue();
    }

    long calls(String method) {
        return gke.calls().stream().filter(c -> c.method().equals(method)).count();
    }

    @Test
    void aWholeNightAsleepAtTheCloseAndServingBeforeTheOpening() {
        startAgent(local("2026-11-30T12:00")); // a Monday, in the window: first start converges to awake
        SyncResult awake = settle(Duration.ofMinutes(30));
        assertThat(awake.sleep().state()).isEqualTo("Awake");
        assertThat(sim.ready()).isTrue();
        assertThat(poolNodes()).isEqualTo(1);
        assertThat(awake.sleep().decision().nextTransition()).isEqualTo(local("2026-11-30T19:00"));
        assertThat(awake.health().parts()).anySatisfy(p -> {
            assertThat(p.part()).isEqualTo("Node gke-tpu-0 (pool tpu-v6e-pool)");
            assertThat(p.health().status().name()).isEqualTo("HEALTHY");
        });

        // the window closes: the agent is woken at the transition instant, not by polling
        clock.set(awake.requeueAt());
        SyncResult asleep = settle(Duration.ofMinutes(30));
        Instant atZero = clock.instant();
        assertThat(asleep.sleep().state()).isEqualTo("Asleep");
        assertThat(poolNodes()).isZero();
        assertThat(replicasLive()).isZero();
        assertThat(sim.llmisvc()).as("the model is scaled, never deleted").isNotNull();
        assertThat(gke.pool(POOL).getAutoscaling().getEnabled()).as("cannot scale back up while asleep").isFalse();
        Duration drainTimeout = stack.config().schedule().drainTimeout();
        assertThat(Duration.between(local("2026-11-30T19:00"), atZero)).as("pool at zero within drain timeout + one GKE operation")
                .isLessThanOrEqualTo(drainTimeout.plus(Duration.ofMinutes(2)));
        assertThat(asleep.sleep().decision().nextTransition()).as("wake lead time").isEqualTo(local("2026-12-01T06:40"));
        assertThat(asleep.health().health().status().name()).as("a sleeping stack is Suspended, not Degraded").isEqualTo("SUSPENDED");
        assertThat(registry.find("stack_agent.estimated.hourly.cost").tag("stack", SERVICE).gauge().value()).isZero();

        // the agent wakes the stack early enough that it serves when the window opens
        clock.set(asleep.requeueAt());
        Instant wakeStart = clock.instant();
        SyncResult morning = settle(Duration.ofMinutes(40));
        assertThat(morning.sleep().state()).isEqualTo("Awake");
        assertThat(morning.health().health().status().name()).as(String.valueOf(morning.health())).isEqualTo("HEALTHY");
        assertThat(sim.ready()).isTrue();
        assertThat(clock.instant()).as("Ready no later than the opening").isBeforeOrEqualTo(local("2026-12-01T07:00"));
        assertThat(replicasLive()).isEqualTo(1);
        assertThat(gke.pool(POOL).getAutoscaling().getEnabled()).isTrue();
        assertThat(gke.pool(POOL).getAutoscaling().getMaxNodeCount()).isEqualTo(3);

        // metrics match the simulated night
        double hoursAsleep = Duration.between(atZero, wakeStart).toSeconds() / 3600.0;
        assertThat(metrics.savings(SERVICE)).isCloseTo(5.29 * hoursAsleep, within(0.6));
        assertThat(metrics.wakes(SERVICE)).as("the first start and the morning").isEqualTo(2);
        var wake = registry.find("stack_agent.wake.duration").tag("stack", SERVICE).timer();
        assertThat(wake.max(java.util.concurrent.TimeUnit.MINUTES)).as("cold start 13 min plus GKE").isBetween(13.0, 20.0);
        assertThat(calls("setNodePoolSize")).as("the agent, not the autoscaler, took the pool to zero").isEqualTo(1);
        assertThat(registry.find("stack_agent.schedule.state").tags("stack", SERVICE, "state", "Awake").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("stack_agent.schedule.state").tags("stack", SERVICE, "state", "Asleep").gauge().value()).isZero();
        assertThat(registry.find("stack_agent.estimated.hourly.cost").tag("stack", SERVICE).gauge().value()).isCloseTo(5.29, within(0.01));
    }

    @Test
    void aRestartMidSleepResumesWithoutRepeatingAStep() {
        startAgent(local("2026-11-30T12:00"));
        settle(Duration.ofMinutes(30));
        clock.set(local("2026-11-30T19:00"));
        SyncResult first = syncOnce();
        assertThat(first.sleep().state()).isEqualTo("FallingAsleep");
        assertThat(replicasLive()).isZero();

        startAgent(clock.instant().plusSeconds(30)); // the agent restarts while the pods drain
        SyncResult resumed = syncOnce();
        assertThat(resumed.sleep().state()).isIn("FallingAsleep", "Asleep");
        assertThat(resumed.sleep().progress().phaseStartedAt()).as("same transition, not a new one").isEqualTo(first.sleep().progress().phaseStartedAt());
        settle(Duration.ofMinutes(30));

        assertThat(poolNodes()).isZero();
        assertThat(calls("setNodePoolSize")).as("pool to zero exactly once: %s %s", log, gke.methods()).isEqualTo(1);
        assertThat(calls("setNodePoolAutoscaling")).as("autoscaling off exactly once").isEqualTo(1);
        assertThat(sim.llmisvc()).isNotNull();
    }

    @Test
    void aRestartMidWakeResumesAndTheModelComesBack() {
        startAgent(local("2026-11-30T12:00"));
        settle(Duration.ofMinutes(30));
        clock.set(local("2026-11-30T19:00"));
        settle(Duration.ofMinutes(30));
        long autoscalingCallsBefore = calls("setNodePoolAutoscaling");

        clock.set(local("2026-12-01T06:40"));
        SyncResult waking = syncOnce();
        assertThat(waking.sleep().state()).isEqualTo("Waking");
        startAgent(clock.instant().plusSeconds(5)); // restart mid-wake
        SyncResult done = settle(Duration.ofMinutes(40));

        assertThat(done.sleep().state()).isEqualTo("Awake");
        assertThat(sim.ready()).isTrue();
        assertThat(replicasLive()).isEqualTo(1);
        assertThat(calls("setNodePoolAutoscaling") - autoscalingCallsBefore).as("pool restored exactly once").isEqualTo(1);
        assertThat(clock.instant()).isBeforeOrEqualTo(local("2026-12-01T07:00"));
    }

    @Test
    void aGitChangeDuringTheNightIsExactlyWhatWakesUp() {
        startAgent(local("2026-11-30T12:00"));
        settle(Duration.ofMinutes(30));
        clock.set(local("2026-11-30T19:00"));
        settle(Duration.ofMinutes(30));

        clock.set(local("2026-11-30T23:00"));
        stack = template(Map.of("replicas: 1", "replicas: 2", "--max-model-len=2048", "--max-model-len=4096"));
        SyncResult night = syncOnce();
        assertThat(night.sleep().state()).isEqualTo("Asleep");
        assertThat(replicasLive()).as("still asleep").isZero();
        assertThat(poolNodes()).isZero();
        assertThat(sim.llmisvc().getAdditionalProperties().toString()).as("the new args are applied at once").contains("--max-model-len=4096");

        clock.set(local("2026-12-01T06:40"));
        settle(Duration.ofMinutes(40));
        assertThat(replicasLive()).as("wakes with Git's new replicas, nothing remembered").isEqualTo(2);
    }

    @Test
    void anOverrideCommittedToGitKeepsTheStackAwakeUntilItExpires() {
        startAgent(local("2026-11-30T12:00"));
        settle(Duration.ofMinutes(30));
        stack = template(Map.of("  wakeLeadTime: 20m", """
                  wakeLeadTime: 20m
                  overrides:
                    - state: Awake
                      until: 2026-12-01T02:00+01:00
                      reason: release night
                """.stripTrailing()));

        clock.set(local("2026-11-30T19:00"));
        SyncResult evening = settle(Duration.ofMinutes(5));
        assertThat(evening.sleep().state()).isEqualTo("Awake");
        assertThat(evening.sleep().decision().reason()).isEqualTo(DecisionReason.OVERRIDE);
        assertThat(evening.requeueAt()).isEqualTo(local("2026-12-01T02:00"));
        assertThat(replicasLive()).isEqualTo(1);

        clock.set(evening.requeueAt());
        SyncResult expired = settle(Duration.ofMinutes(30));
        assertThat(expired.sleep().state()).isEqualTo("Asleep");
        assertThat(poolNodes()).isZero();
    }

    @Test
    void theDstWeekendIsPricedInRealHours() {
        startAgent(local("2026-10-23T12:00")); // Friday before the end of summer time (Sunday 2026-10-25)
        settle(Duration.ofMinutes(30));
        clock.set(local("2026-10-23T19:00"));
        SyncResult asleep = settle(Duration.ofMinutes(30));
        Instant atZero = clock.instant();
        assertThat(asleep.requeueAt()).isEqualTo(local("2026-10-26T06:40"));

        // two nightly checks over the weekend (the agent's periodic resync), then Monday morning
        clock.set(local("2026-10-25T02:30"));
        syncOnce();
        clock.set(local("2026-10-26T06:40"));
        Instant wakeStart = clock.instant();
        settle(Duration.ofMinutes(40));

        double hours = Duration.between(atZero, wakeStart).toSeconds() / 3600.0;
        assertThat(Duration.between(local("2026-10-23T19:00"), local("2026-10-26T06:40"))).as("the weekend has 25h on Sunday")
                .isEqualTo(Duration.ofHours(60).plusMinutes(40));
        assertThat(metrics.savings(SERVICE)).isCloseTo(5.29 * hours, within(0.6));
        assertThat(sim.ready()).isTrue();
    }
}
