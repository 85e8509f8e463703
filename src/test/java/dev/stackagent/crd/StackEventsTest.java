package dev.stackagent.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.ValidationError;
import dev.stackagent.health.Health;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionProgress;
import dev.stackagent.schedule.TransitionStep;
import dev.stackagent.testing.MutableClock;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.Stacks;
import dev.stackagent.verify.VerificationCheck;
import dev.stackagent.verify.VerificationResult;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * What {@code kubectl describe stack demo} shows under Events: one Event per sync summary on the
 * Stack resource, Warnings named by the failure's reason, schedule and suspension transitions, and
 * a stuck stack's repeated failure folded into one Event with a count.
 */
@EnableKubernetesMockClient(crud = true)
class StackEventsTest {
    static final String NS = StackResourceWriterTest.NS;
    static final String REV = StackResourceWriterTest.REV;
    static final Instant T0 = StackResourceWriterTest.T0;
    static final ObjectRef POLICY = StackResourceWriterTest.POLICY;
    static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "llm", "settings");
    static final String STACK_YAML = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces:
              - name: llm
            schedule:
              timeZone: Europe/Amsterdam
              awake:
                - {days: Mon-Fri, from: "07:00", to: "19:00"}
            """;

    KubernetesClient client;
    KubernetesMockServer server;
    MutableClock clock = new MutableClock(T0);
    StackResourceWriter writer;
    Stack stack;
    RequestLog requests;

    @BeforeEach
    void setUp() throws IOException {
        client.apiextensions().v1().customResourceDefinitions().resource(StackCrdManifestTest.committed()).create();
        writer = new StackResourceWriter(client, NS, "https://git.example/acme/llm-stacks.git",
                name -> Optional.of(Health.healthy("all parts Healthy")), new StackEventRecorder(client, NS, clock));
        stack = Stacks.load(Map.of("stacks/demo/stack.yaml", STACK_YAML));
        requests = new RequestLog(server);
    }

    @Test
    void aSyncThatChangedObjectsRecordsOneSyncedEventOnTheStackNotOnePerObject() {
        sync(result(awake(), List.of(entry(POLICY, ChangeSet.Result.CREATED), entry(CONFIG, ChangeSet.Result.CREATED),
                entry(new ObjectRef("v1", "Namespace", null, "llm"), ChangeSet.Result.CONFIGURED)), null));

        Event e = single(events());
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getReason()).isEqualTo("Synced");
        assertThat(e.getMessage()).isEqualTo("applied 2 created, 1 configured, 0 pruned at 0123456789ab");
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("Stack");
        assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("stack-agent.dev/v1alpha1");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("demo");
        assertThat(e.getInvolvedObject().getNamespace()).isEqualTo(NS);
        assertThat(e.getInvolvedObject().getUid()).as("kubectl describe matches Events by uid").isEqualTo(live().getMetadata().getUid())
                .isNotBlank();
        assertThat(e.getSource().getComponent()).isEqualTo("stack-agent");
        assertThat(e.getCount()).isEqualTo(1);
        assertThat(client.v1().events().inNamespace("llm").list().getItems()).as("no Event on the managed objects").isEmpty();
    }

    @Test
    void anIdleSyncRecordsNoEvent() {
        sync(result(awake(), List.of(entry(POLICY, ChangeSet.Result.CREATED)), null));
        requests.clear();
        clock.advance(Duration.ofMinutes(1));

        sync(result(awake(), List.of(entry(POLICY, ChangeSet.Result.UNCHANGED)), null));

        assertThat(events()).hasSize(1);
        assertThat(requests.writes()).as("an idle sync writes no Event and no status").isEmpty();
    }

    @Test
    void theSameFailureThreeTimesIsOneEventWithCountThreeBumpedByOnePatchEach() {
        String error = "NetworkPolicy llm/allow-gateway: admission webhook denied the request";
        sync(result(awake(), List.of(), FailureReason.ApplyFailed, error));
        String name = single(events()).getMetadata().getName();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(1));
            requests.clear();
            sync(result(awake(), List.of(), FailureReason.ApplyFailed, error));
            List<String> all = requests.drain();
            assertThat(all).as("a repeat is one PATCH of the Event (no GET first), and no other write")
                    .filteredOn(q -> q.contains("/events") || !q.startsWith("GET ")).containsExactly("PATCH /api/v1/namespaces/" + NS + "/events/" + name);
        }

        Event e = single(events());
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("ApplyFailed");
        assertThat(e.getMessage()).isEqualTo(error);
        assertThat(e.getCount()).isEqualTo(3);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(e.getLastTimestamp()).isEqualTo("2026-11-27T10:02:00Z");

        clock.advance(Duration.ofMinutes(1));
        sync(result(awake(), List.of(), FailureReason.ApplyFailed, "NetworkPolicy llm/allow-gateway: forbidden"));
        assertThat(events()).as("another message is another Event").hasSize(2);
    }

    @Test
    void aRejectedRevisionRecordsAValidationFailedWarningNamingFileAndLine() {
        sync(result(awake(), List.of(), null));
        writer.revisionLoaded("demo", "fedcba9876543210fedcba9876543210fedcba98", List.of(
                new ValidationError("stacks/demo/stack.yaml", 7, "stack demo", "nodePools[0].autoscaling.maxNodeCont", "unknown field"),
                new ValidationError("stacks/demo/manifests/service.yaml", 12, "LLMInferenceService llm/qwen", "spec.replicas",
                        "must be an integer")));

        Event e = events().stream().filter(x -> x.getReason().equals("ValidationFailed")).findFirst().orElseThrow();
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getMessage()).startsWith("revision fedcba987654 rejected: 2 validation error(s); still applying revision 0123456789ab")
                .contains("stacks/demo/stack.yaml:7: stack demo: field nodePools[0].autoscaling.maxNodeCont: unknown field")
                .contains("stacks/demo/manifests/service.yaml:12");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo(live().getMetadata().getUid());
    }

    @Test
    void anEventTheApiServerExpiredIsCreatedAgainOnTheNextRepeat() {
        sync(result(awake(), List.of(), FailureReason.ReadFailed, "ConfigMap llm/settings: connection reset"));
        client.v1().events().inNamespace(NS).delete(); // Events expire after an hour
        clock.advance(Duration.ofHours(2));

        sync(result(awake(), List.of(), FailureReason.ReadFailed, "ConfigMap llm/settings: connection reset"));

        Event e = single(events());
        assertThat(e.getCount()).isEqualTo(1);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-27T12:00:00Z");
    }

    @Test
    void aStackRejectedBeforeItWasEverSyncedStillGetsAValidationFailedEvent() {
        writer.revisionLoaded("demo", "fedcba9876543210fedcba9876543210fedcba98",
                List.of(new ValidationError("stacks/demo/stack.yaml", 3, "stack demo", "cluster.project", "required")));

        Event e = single(events());
        assertThat(e.getReason()).isEqualTo("ValidationFailed");
        assertThat(e.getMessage()).isEqualTo("revision fedcba987654 rejected: 1 validation error(s); still applying revision (none): "
                + "stacks/demo/stack.yaml:3: stack demo: field cluster.project: required");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("demo");
        assertThat(live()).as("no Stack resource is made for a stack that never had a valid revision").isNull();
    }

    @Test
    void aPolicyViolationIsAWarningEventWithItsOwnReason() {
        sync(result(awake(), List.of(), FailureReason.PolicyViolation,
                "secretCopies: copying istio-system/redhat-pull-secret is not allowed by the policy (secretCopies.allowed)"));

        Event e = single(events());
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("PolicyViolation");
        assertThat(e.getMessage()).contains("secretCopies.allowed");
    }

    @Test
    void anAdoptionConflictKeepsItsOwnReasonAsTheWarningEvent() {
        sync(result(awake(), List.of(), FailureReason.AdoptionConflict, "not applied: 1 object(s) not this stack's: ConfigMap llm/settings"));

        assertThat(single(events())).extracting(Event::getType, Event::getReason).containsExactly("Warning", "AdoptionConflict");
    }

    @Test
    void prunedObjectsRecordAPrunedEventNamingThemBesideTheSyncedSummary() {
        sync(result(awake(), List.of(entry(POLICY, ChangeSet.Result.PRUNED)), null));

        assertThat(events()).extracting(Event::getReason, Event::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Synced", "applied 0 created, 0 configured, 1 pruned at 0123456789ab"),
                org.assertj.core.groups.Tuple.tuple("Pruned", "pruned 1 object(s) Git no longer holds: " + POLICY));
    }

    @Test
    void scheduleTransitionsRecordFallingAsleepAsleepWakingAndAwakeEvents() {
        sync(result(awake(), List.of(), null));
        Instant evening = Instant.parse("2026-11-27T18:00:00Z");
        Instant morning = Instant.parse("2026-11-30T06:00:00Z");
        sync(result(sleep(ScheduleState.ASLEEP, new TransitionProgress(SleepPhase.FallingAsleep, TransitionStep.ScaleWorkloadsToZero,
                evening, evening), morning), List.of(), null));
        sync(result(sleep(ScheduleState.ASLEEP, TransitionProgress.settled(SleepPhase.Asleep, evening), morning), List.of(), null));
        sync(result(sleep(ScheduleState.AWAKE, new TransitionProgress(SleepPhase.Waking, TransitionStep.RestorePools, morning, morning),
                null), List.of(), null));
        sync(result(awake(), List.of(), null));

        assertThat(events()).extracting(Event::getReason).containsExactly("FallingAsleep", "Asleep", "Waking", "Awake");
        assertThat(events()).filteredOn(e -> e.getReason().equals("Asleep")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("asleep by schedule (outside awake windows) until 2026-11-30T06:00:00Z"));
        assertThat(events()).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Normal"));
    }

    @Test
    void suspendingAndResumingTheStackRecordsSuspendedAndResumedEvents() {
        sync(result(awake(), List.of(), null));
        Stack suspended = Stacks.load(Map.of("stacks/demo/stack.yaml", STACK_YAML + "options: {suspend: true}\n"));

        writer.synced(suspended, result(awake(), List.of(), null));
        writer.synced(suspended, result(awake(), List.of(), null));
        assertThat(live().getStatus().getSuspended()).isTrue();
        sync(result(awake(), List.of(), null));

        assertThat(events()).extracting(Event::getReason).containsExactly("Suspended", "Resumed");
        assertThat(live().getStatus().getSuspended()).as("resumed: status.suspended is absent").isNull();
    }

    @Test
    void aNewVerificationRecordsVerifiedOrAVerificationFailedWarningEvent() {
        URI url = URI.create("http://inference-gateway.opendatahub.svc/llm/qwen/v1");
        sync(result(awake(), List.of(), null).withAssessment(new SyncResult.Assessment(null, new VerificationResult(true, url,
                List.of(new VerificationCheck("chat", true, "answered", Duration.ofMillis(80))), null, T0), null)));
        clock.advance(Duration.ofMinutes(1));
        VerificationResult failed = new VerificationResult(false, url,
                List.of(new VerificationCheck("chat", false, "HTTP 503", Duration.ofMillis(80))), null, T0.plusSeconds(60));
        for (int i = 0; i < 2; i++) { // the last verification is repeated until the next one runs: one Event
            sync(result(awake(), List.of(), null).withAssessment(new SyncResult.Assessment(null, failed, null)));
        }

        assertThat(events()).extracting(Event::getType, Event::getReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Normal", "Verified"), org.assertj.core.groups.Tuple.tuple("Warning", "VerificationFailed"));
        assertThat(events().get(1).getMessage()).contains("chat (HTTP 503)");
        assertThat(events().get(1).getCount()).isEqualTo(1);
    }

    @Test
    void eventMessagesAreBoundedToOneKibibyte() {
        sync(result(awake(), List.of(), FailureReason.ApplyFailed, "ConfigMap llm/settings: " + "é".repeat(3000)));

        String message = single(events()).getMessage();
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(message).startsWith("ConfigMap llm/settings: é").endsWith("…");
    }

    private void sync(SyncResult r) {
        writer.synced(stack, r);
    }

    private StackResource live() {
        return client.resources(StackResource.class).inNamespace(NS).withName("demo").get();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .sorted(Comparator.comparing((Event e) -> e.getFirstTimestamp()).thenComparing(e -> e.getMetadata().getName())).toList();
    }

    private static Event single(List<Event> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    static ChangeSet.Entry entry(ObjectRef ref, ChangeSet.Result result) {
        return new ChangeSet.Entry(ref, result, List.of(), null);
    }

    static SleepReport awake() {
        return sleep(ScheduleState.AWAKE, TransitionProgress.settled(SleepPhase.Awake, T0), Instant.parse("2026-11-27T18:00:00Z"));
    }

    static SleepReport sleep(ScheduleState state, TransitionProgress progress, Instant next) {
        return new SleepReport(new ScheduleDecision(state, state == ScheduleState.AWAKE ? DecisionReason.WINDOW : DecisionReason.OUTSIDE_WINDOWS,
                state == ScheduleState.AWAKE ? "window Mon-Fri 07:00-19:00" : "outside awake windows", false, next), progress,
                TransitionAction.NONE, null, null);
    }

    SyncResult result(SleepReport sleep, List<ChangeSet.Entry> changes, FailureReason reason, String error) {
        SyncResult r = SyncResult.of("demo", REV).withObjects(List.of(), new ChangeSet(changes)).withSleep(sleep);
        return (reason == null ? r : r.failed(reason, error)).finishedAt(clock.instant(), Duration.ofSeconds(2));
    }

    SyncResult result(SleepReport sleep, List<ChangeSet.Entry> changes, FailureReason reason) {
        return result(sleep, changes, reason, null);
    }
}
