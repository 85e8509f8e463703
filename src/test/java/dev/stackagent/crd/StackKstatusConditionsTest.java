package dev.stackagent.crd;

import static dev.stackagent.crd.StackEventsTest.awake;
import static dev.stackagent.crd.StackEventsTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.health.Health;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionProgress;
import dev.stackagent.schedule.TransitionStep;
import dev.stackagent.testing.MutableClock;
import dev.stackagent.testing.Stacks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The kstatus conditions as {@code kubectl wait --for=condition=Ready stack/demo} and kstatus-aware
 * tools read them: Ready (normal-true), Reconciling and Stalled (abnormal-true), each with the
 * generation it was written for.
 */
@EnableKubernetesMockClient(crud = true)
class StackKstatusConditionsTest {
    static final String NS = StackResourceWriterTest.NS;
    static final String REV = StackResourceWriterTest.REV;

    KubernetesClient client;
    MutableClock clock = new MutableClock(StackResourceWriterTest.T0);
    Map<String, Health> health = new HashMap<>();
    StackResourceWriter writer;
    Stack stack;

    @BeforeEach
    void setUp() throws IOException {
        client.apiextensions().v1().customResourceDefinitions().resource(StackCrdManifestTest.committed()).create();
        writer = new StackResourceWriter(client, NS, "https://git.example/acme/llm-stacks.git", name -> Optional.ofNullable(health.get(name)),
                new StackEventRecorder(client, NS, clock));
        stack = Stacks.load(Map.of("stacks/demo/stack.yaml", StackEventsTest.STACK_YAML));
        health.put("demo", Health.healthy("all parts Healthy"));
    }

    @Test
    void readyIsTrueWhenSyncedAwakeAndHealthyAndEveryConditionCarriesTheObservedGeneration() {
        sync(result(awake(), null, null));

        StackResource live = live();
        StackResourceStatus s = live.getStatus();
        assertThat(kstatus(s)).containsExactly(tuple("Ready", "True", "Ready"), tuple("Reconciling", "False", "Reconciled"),
                tuple("Stalled", "False", "NotStalled"));
        assertThat(live.getMetadata().getGeneration()).as("the test server counts generations").isNotNull();
        assertThat(s.getObservedGeneration()).isEqualTo(live.getMetadata().getGeneration());
        assertThat(s.getConditions()).extracting(Condition::getObservedGeneration).containsOnly(live.getMetadata().getGeneration());
        assertThat(condition(s, "Ready").getMessage()).isEqualTo("synced, awake and healthy");
    }

    @Test
    void aSpecChangeIsObservedAtItsNewGenerationInStatusAndConditions() {
        sync(result(awake(), null, null));
        long first = live().getMetadata().getGeneration();
        Stack moved = Stacks.load(Map.of("stacks/demo-v2/stack.yaml", StackEventsTest.STACK_YAML)); // spec.path changes
        clock.advance(Duration.ofMinutes(1));

        writer.synced(new Stack("demo", moved.dir(), moved.config(), moved.objects()), result(awake(), null, null));

        StackResource live = live();
        assertThat(live.getSpec().getPath()).isEqualTo("stacks/demo-v2");
        assertThat(live.getMetadata().getGeneration()).isGreaterThan(first);
        assertThat(live.getStatus().getObservedGeneration()).isEqualTo(live.getMetadata().getGeneration());
        assertThat(live.getStatus().getConditions()).extracting(Condition::getObservedGeneration)
                .containsOnly(live.getMetadata().getGeneration());
    }

    @Test
    void aTransientFailureIsReconcilingWithRetryAndNotStalledCondition() {
        sync(result(awake(), FailureReason.ReadFailed, "NetworkPolicy llm/allow-gateway: connection reset"));

        StackResourceStatus s = live().getStatus();
        assertThat(kstatus(s)).containsExactly(tuple("Ready", "False", "ReadFailed"), tuple("Reconciling", "True", "ProgressingWithRetry"),
                tuple("Stalled", "False", "NotStalled"));
        assertThat(condition(s, "Ready").getMessage()).isEqualTo("NetworkPolicy llm/allow-gateway: connection reset");
    }

    @Test
    void nonTransientFailuresStallTheStackCondition() {
        for (FailureReason reason : List.of(FailureReason.PolicyViolation, FailureReason.AdoptionConflict, FailureReason.PreflightFailed)) {
            clock.advance(Duration.ofMinutes(1));
            sync(result(awake(), reason, reason + " in detail"));

            assertThat(kstatus(live().getStatus())).as(reason.name()).containsExactly(tuple("Ready", "False", reason.name()),
                    tuple("Reconciling", "False", "Stalled"), tuple("Stalled", "True", reason.name()));
            assertThat(condition(live().getStatus(), "Stalled").getMessage()).isEqualTo(reason + " in detail");
        }
    }

    @Test
    void aRejectedRevisionStallsTheStackUntilAValidRevisionArrivesCondition() {
        sync(result(awake(), null, null));
        writer.revisionLoaded("demo", "fedcba9876543210fedcba9876543210fedcba98",
                List.of(new ValidationError("stacks/demo/stack.yaml", 7, "stack demo", "nodePools[0].autoscaling.maxNodeCont", "unknown field")));

        StackResourceStatus s = live().getStatus();
        assertThat(s.getSync()).as("SYNCED column").isEqualTo("Failed");
        assertThat(s.getRevision()).as("still applying the last good revision").isEqualTo(REV);
        assertThat(s.getLastError()).isEqualTo("revision fedcba987654 rejected: 1 validation error(s); still applying revision 0123456789ab");
        assertThat(kstatus(s)).containsExactly(tuple("Ready", "False", "ValidationFailed"), tuple("Reconciling", "False", "Stalled"),
                tuple("Stalled", "True", "ValidationFailed"));
        clock.advance(Duration.ofMinutes(10));
        sync(result(awake(), null, null)); // the periodic resync of the last good revision keeps it Stalled
        assertThat(condition(live().getStatus(), "Stalled").getStatus()).isEqualTo("True");

        writer.revisionLoaded("demo", "aaaabbbbccccddddeeeeffff0000111122223333", List.of());

        assertThat(kstatus(live().getStatus())).containsExactly(tuple("Ready", "True", "Ready"), tuple("Reconciling", "False", "Reconciled"),
                tuple("Stalled", "False", "NotStalled"));
        assertThat(live().getStatus().getSync()).isEqualTo("Synced");
    }

    @Test
    void wakingAndFallingAsleepAreReconcilingAndNotReadyCondition() {
        Instant morning = Instant.parse("2026-11-30T06:00:00Z");
        sync(result(sleep(ScheduleState.AWAKE, new TransitionProgress(SleepPhase.Waking, TransitionStep.WaitForReady, morning, morning),
                null), null, null));

        assertThat(kstatus(live().getStatus())).containsExactly(tuple("Ready", "False", "Waking"), tuple("Reconciling", "True", "Waking"),
                tuple("Stalled", "False", "NotStalled"));
    }

    @Test
    void asleepByScheduleIsReadyWithReasonAsleepAndNotReconcilingCondition() {
        health.put("demo", Health.suspended("scaled to zero by the schedule"));
        Instant night = Instant.parse("2026-11-27T22:00:00Z");
        sync(result(sleep(ScheduleState.ASLEEP, TransitionProgress.settled(SleepPhase.Asleep, night), Instant.parse("2026-11-30T06:00:00Z")),
                null, null));

        StackResourceStatus s = live().getStatus();
        assertThat(kstatus(s)).containsExactly(tuple("Ready", "True", "Asleep"), tuple("Reconciling", "False", "Reconciled"),
                tuple("Stalled", "False", "NotStalled"));
        assertThat(condition(s, "Asleep").getStatus()).as("whoever needs the model waits for Asleep=False too").isEqualTo("True");
    }

    @Test
    void aDegradedStackIsStalledAndAProgressingOneIsReconcilingCondition() {
        health.put("demo", Health.progressing("LLMInferenceService llm/qwen: 0/1 replicas ready"));
        sync(result(awake(), null, null));
        assertThat(kstatus(live().getStatus())).containsExactly(tuple("Ready", "Unknown", "Progressing"),
                tuple("Reconciling", "True", "Progressing"), tuple("Stalled", "False", "NotStalled"));

        health.put("demo", Health.degraded("LLMInferenceService llm/qwen: CrashLoopBackOff"));
        clock.advance(Duration.ofMinutes(1));
        sync(result(awake(), null, null));
        assertThat(kstatus(live().getStatus())).containsExactly(tuple("Ready", "False", "HealthCheckFailed"),
                tuple("Reconciling", "False", "Stalled"), tuple("Stalled", "True", "HealthCheckFailed"));
    }

    @Test
    void aSuspendedStackWithDriftIsNotReadyButNotReconcilingCondition() {
        Stack suspended = Stacks.load(Map.of("stacks/demo/stack.yaml", StackEventsTest.STACK_YAML + "options: {suspend: true}\n"));
        ObjectDiff drift = new ObjectDiff(StackResourceWriterTest.POLICY, Action.UPDATE,
                List.of(new FieldChange("/spec/policyTypes", new TextNode("a"), new TextNode("b"))), null, null);

        writer.synced(suspended, SyncResult.of("demo", REV).withStatus(SyncStatus.OutOfSync).withObjects(List.of(drift), new ChangeSet(List.of()))
                .withSleep(awake()).finishedAt(clock.instant(), Duration.ofSeconds(1)));

        StackResourceStatus s = live().getStatus();
        assertThat(kstatus(s)).containsExactly(tuple("Ready", "False", "Suspended"), tuple("Reconciling", "False", "Reconciled"),
                tuple("Stalled", "False", "NotStalled"));
        assertThat(condition(s, "Ready").getMessage()).isEqualTo("1 objects or node pools differ from Git; suspended: not applied until resumed");
        assertThat(s.getSuspended()).isTrue();
    }

    private void sync(SyncResult r) {
        writer.synced(stack, r);
    }

    private StackResource live() {
        return client.resources(StackResource.class).inNamespace(NS).withName("demo").get();
    }

    private static List<org.assertj.core.groups.Tuple> kstatus(StackResourceStatus s) {
        return s.getConditions().stream().filter(c -> List.of("Ready", "Reconciling", "Stalled").contains(c.getType()))
                .map(c -> tuple(c.getType(), c.getStatus(), c.getReason())).toList();
    }

    private static Condition condition(StackResourceStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private SyncResult result(SleepReport sleep, FailureReason reason, String error) {
        SyncResult r = SyncResult.of("demo", REV).withObjects(List.of(), new ChangeSet(List.of())).withSleep(sleep);
        return (reason == null ? r : r.failed(reason, error)).finishedAt(clock.instant(), Duration.ofSeconds(2));
    }
}
