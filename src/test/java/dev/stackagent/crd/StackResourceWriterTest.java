package dev.stackagent.crd;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Stack;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.FieldChange;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.health.Health;
import dev.stackagent.schedule.DecisionReason;
import dev.stackagent.schedule.ScheduleDecision;
import dev.stackagent.schedule.ScheduleState;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.schedule.TransitionAction;
import dev.stackagent.schedule.TransitionProgress;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.Stacks;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** The Stack resource against the CRUD test server with the committed CRD installed. */
@EnableKubernetesMockClient(crud = true)
class StackResourceWriterTest {
    static final String NS = "stack-agent";
    static final String REV = "0123456789abcdef0123456789abcdef01234567";
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final ObjectRef POLICY = new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "llm", "allow-gateway");
    static final ObjectRef SECRET = new ObjectRef("v1", "Secret", "llm", "hf-token");

    KubernetesClient client;
    KubernetesMockServer server;
    RequestLog requests;
    Map<String, Health> health = new HashMap<>();
    StackResourceWriter writer;
    Stack stack;

    @BeforeEach
    void setUp() throws IOException {
        client.apiextensions().v1().customResourceDefinitions().resource(StackCrdManifestTest.committed()).create();
        writer = new StackResourceWriter(client, NS, "https://git.example/acme/llm-stacks.git",
                name -> Optional.ofNullable(health.get(name)));
        stack = Stacks.load(Map.of("stacks/demo/stack.yaml", """
                apiVersion: stack-agent.dev/v1alpha1
                kind: Stack
                cluster: {project: p, location: europe-west4-a, name: c}
                namespaces:
                  - name: llm
                schedule:
                  timeZone: Europe/Amsterdam
                  awake:
                    - {days: Mon-Fri, from: "07:00", to: "19:00"}
                """));
        requests = new RequestLog(server);
    }

    @Test
    void firstSyncCreatesTheResourceWithItsStatus() {
        health.put("demo", Health.healthy("all 3 parts Healthy"));
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(
                new ChangeSet.Entry(POLICY, ChangeSet.Result.CREATED, List.of(), null),
                new ChangeSet.Entry(SECRET, ChangeSet.Result.CONFIGURED, List.of("/data/HF_TOKEN"), null)), null, T0));

        StackResource r = get();
        assertThat(r.getSpec().getRepoUrl()).isEqualTo("https://git.example/acme/llm-stacks.git");
        assertThat(r.getSpec().getPath()).isEqualTo("stacks/demo");
        assertThat(r.getSpec().getCluster()).isEqualTo("p/europe-west4-a/c");
        StackResourceStatus s = r.getStatus();
        assertThat(s.getRevision()).isEqualTo(REV);
        assertThat(s.getShortRevision()).isEqualTo("0123456789ab");
        assertThat(s.getSync()).isEqualTo("Synced");
        assertThat(s.getHealth()).isEqualTo("Healthy");
        assertThat(s.getScheduleState()).isEqualTo("Awake");
        assertThat(s.getNextTransition()).isEqualTo("2026-11-27T18:00:00Z");
        assertThat(s.getLastSyncTime()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(s.getConditions()).extracting(Condition::getType, Condition::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ready", "True"), org.assertj.core.groups.Tuple.tuple("Reconciling", "False"),
                org.assertj.core.groups.Tuple.tuple("Stalled", "False"), org.assertj.core.groups.Tuple.tuple("Synced", "True"),
                org.assertj.core.groups.Tuple.tuple("Healthy", "True"), org.assertj.core.groups.Tuple.tuple("Asleep", "False"));
        assertThat(s.getInventory()).extracting(StackObjectRef::getKind, StackObjectRef::getName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Namespace", "llm"));
        assertThat(s.getLastActions()).extracting(StackObjectAction::getName, StackObjectAction::getAction, StackObjectAction::getFields)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("allow-gateway", "Created", List.of()),
                        org.assertj.core.groups.Tuple.tuple("hf-token", "Configured", List.of("/data/HF_TOKEN")));
    }

    @Test
    void neverWritesAFieldValueOnlyPaths() {
        ObjectDiff secretDrift = new ObjectDiff(SECRET, Action.UPDATE,
                List.of(new FieldChange("/data/HF_TOKEN", new TextNode("b2xkLXRva2Vu"), new TextNode("c3VwZXItc2VjcmV0"))), null, null);
        writer.synced(stack, SyncResult.of("demo", REV).withStatus(SyncStatus.OutOfSync)
                .withObjects(List.of(secretDrift), new ChangeSet(List.of())).withSleep(awake()).finishedAt(T0, Duration.ofSeconds(1)));

        String stored = client.getKubernetesSerialization().asJson(get());
        assertThat(stored).contains("OutOfSync").doesNotContain("b2xkLXRva2Vu").doesNotContain("c3VwZXItc2VjcmV0");
    }

    @Test
    void anIdleSyncWritesNothing() {
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));
        requests.clear();

        writer.synced(stack, result(SyncStatus.Synced, awake(),
                List.of(new ChangeSet.Entry(POLICY, ChangeSet.Result.UNCHANGED, List.of(), null)), null, T0.plusSeconds(60)));

        assertThat(requests.writes()).isEmpty();
        assertThat(get().getStatus().getLastSyncTime()).as("only changed content is written").isEqualTo("2026-11-27T10:00:00Z");
    }

    /** A commit that did not touch the stack (or a restarted agent syncing it at a newer commit) changes nothing worth a write. */
    @Test
    void anIdleSyncAtANewerCommitWritesNothingAndAChangeWritesTheNewCommit() {
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));
        requests.clear();
        String newer = "fedcba9876543210fedcba9876543210fedcba98";

        writer.synced(stack, SyncResult.of("demo", newer).withStatus(SyncStatus.Synced).withObjects(List.of(), new ChangeSet(List.of()))
                .withSleep(awake()).finishedAt(T0.plusSeconds(60), Duration.ofSeconds(1)));

        assertThat(requests.writes()).isEmpty();
        assertThat(get().getStatus().getRevision()).as("the commit of the last sync that changed the status").isEqualTo(REV);

        writer.synced(stack, SyncResult.of("demo", newer).withStatus(SyncStatus.Synced)
                .withObjects(List.of(), new ChangeSet(List.of(new ChangeSet.Entry(POLICY, ChangeSet.Result.CREATED, List.of(), null))))
                .withSleep(awake()).finishedAt(T0.plusSeconds(120), Duration.ofSeconds(1)));

        assertThat(get().getStatus().getRevision()).isEqualTo(newer);
    }

    @Test
    void aChangeWritesOnlyTheStatusAndKeepsTransitionTimesOfUnchangedConditions() {
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));
        requests.clear();

        writer.synced(stack, result(SyncStatus.Failed, awake(), List.of(), "NetworkPolicy llm/allow-gateway: forbidden", T0.plusSeconds(60)));

        assertThat(requests.writes()).as("one Event on the Stack and its status; the resource itself is not written").containsExactly(
                "POST /api/v1/namespaces/" + NS + "/events",
                "PATCH /apis/stack-agent.dev/v1alpha1/namespaces/" + NS + "/stacks/demo/status");
        StackResourceStatus s = get().getStatus();
        assertThat(s.getSync()).isEqualTo("Failed");
        assertThat(s.getLastError()).isEqualTo("NetworkPolicy llm/allow-gateway: forbidden");
        assertThat(condition(s, "Synced").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Synced").getLastTransitionTime()).isEqualTo("2026-11-27T10:01:00Z");
        assertThat(condition(s, "Asleep").getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(condition(s, "Ready").getReason()).isEqualTo("ApplyFailed");
    }

    @Test
    void asleepStackShowsAsleepConditionAndState() {
        health.put("demo", Health.suspended("asleep"));
        Instant night = Instant.parse("2026-11-27T22:00:00Z");
        SleepReport asleep = new SleepReport(
                new ScheduleDecision(ScheduleState.ASLEEP, DecisionReason.OUTSIDE_WINDOWS, "outside awake windows", false,
                        Instant.parse("2026-11-30T06:00:00Z")),
                TransitionProgress.settled(SleepPhase.Asleep, night), TransitionAction.NONE, null, null);

        writer.synced(stack, result(SyncStatus.Synced, asleep, List.of(), null, night));

        StackResourceStatus s = get().getStatus();
        assertThat(s.getScheduleState()).as("STATE column").isEqualTo("Asleep");
        assertThat(s.getNextTransition()).as("NEXT column").isEqualTo("2026-11-30T06:00:00Z");
        assertThat(s.getHealth()).isEqualTo("Suspended");
        assertThat(condition(s, "Asleep").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Healthy").getStatus()).isEqualTo("True");
        // asleep by schedule is a settled, reconciled state: Ready (reason Asleep), Current for kstatus
        assertThat(condition(s, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Ready").getReason()).isEqualTo("Asleep");
        assertThat(condition(s, "Ready").getMessage()).contains("until 2026-11-30T06:00:00Z").contains("does not answer");
        assertThat(condition(s, "Reconciling").getStatus()).isEqualTo("False");
        assertThat(condition(s, "Stalled").getStatus()).isEqualTo("False");
    }

    @Test
    void aStackRemovedFromGitHasItsResourceDeleted() {
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));
        assertThat(get()).isNotNull();

        writer.synced(null, SyncResult.of("demo", REV).finishedAt(T0.plusSeconds(60), Duration.ZERO));

        assertThat(get()).isNull();
    }

    @Test
    void withoutAHealthVerdictHealthyAndReadyAreUnknown() {
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));

        StackResourceStatus s = get().getStatus();
        assertThat(s.getHealth()).isEqualTo("Unknown");
        assertThat(condition(s, "Healthy").getStatus()).isEqualTo("Unknown");
        assertThat(condition(s, "Healthy").getReason()).isEqualTo("NotChecked");
        assertThat(condition(s, "Ready").getStatus()).isEqualTo("Unknown");
    }

    /** With the agent's informer on Stacks listed and holding none: created without a GET first (a new stack's first sync). */
    @Test
    void aResourceTheListedInformerDoesNotHoldIsCreatedWithoutAGet() {
        writer.readFrom(name -> StackLookup.Answer.ABSENT);
        requests.clear();

        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(new ChangeSet.Entry(POLICY, ChangeSet.Result.CREATED, List.of(), null)),
                null, T0));

        assertThat(requests.drain()).as("no read: the informer's absence is the answer").containsExactly(
                "POST /apis/stack-agent.dev/v1alpha1/namespaces/stack-agent/stacks",
                "POST /api/v1/namespaces/stack-agent/events",
                "PATCH /apis/stack-agent.dev/v1alpha1/namespaces/stack-agent/stacks/demo/status");
        assertThat(get().getStatus().getSync()).isEqualTo("Synced");
    }

    /** Created meanwhile by someone else (or before the informer showed it): the create's 409 reads it, and its status is written. */
    @Test
    void aResourceCreatedMeanwhileIsReadAfterTheConflictAndKeepsItsAnnotations() {
        StackResource theirs = new StackResource();
        theirs.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("demo").withNamespace(NS)
                .withAnnotations(Map.of("stack-agent.dev/suspended", "true")).build());
        client.resources(StackResource.class).inNamespace(NS).resource(theirs).create();
        writer.readFrom(name -> StackLookup.Answer.ABSENT); // the informer has not shown it yet

        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));

        StackResource r = get();
        assertThat(r.getMetadata().getAnnotations()).containsEntry("stack-agent.dev/suspended", "true");
        assertThat(r.getSpec().getPath()).isEqualTo("stacks/demo");
        assertThat(r.getStatus().getSync()).isEqualTo("Synced");
    }

    /** The writer's own create or delete may not show in the informer yet: then its absence there is not believed. */
    @Test
    void itsOwnWritesNotYetInTheInformerAreReadNotTakenForAbsence() {
        writer.readFrom(name -> StackLookup.Answer.ABSENT); // an informer that never catches up
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0));
        requests.clear();

        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0.plusSeconds(60)));
        assertThat(requests.drain()).as("read, found, nothing to write").containsExactly(
                "GET /apis/stack-agent.dev/v1alpha1/namespaces/stack-agent/stacks/demo");

        writer.synced(null, SyncResult.of("demo", REV).finishedAt(T0.plusSeconds(120), Duration.ZERO));
        assertThat(get()).isNull();
        writer.synced(stack, result(SyncStatus.Synced, awake(), List.of(), null, T0.plusSeconds(180)));
        assertThat(get().getStatus().getSync()).as("deleted, then back in Git: created again").isEqualTo("Synced");
    }

    private StackResource get() {
        return client.resources(StackResource.class).inNamespace(NS).withName("demo").get();
    }

    private static Condition condition(StackResourceStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static SleepReport awake() {
        return new SleepReport(new ScheduleDecision(ScheduleState.AWAKE, DecisionReason.WINDOW, "window Mon-Fri 07:00-19:00", false,
                Instant.parse("2026-11-27T18:00:00Z")), TransitionProgress.settled(SleepPhase.Awake, T0), TransitionAction.NONE, null, null);
    }

    private static SyncResult result(SyncStatus status, SleepReport sleep, List<ChangeSet.Entry> changes, String error, Instant at) {
        SyncResult r = SyncResult.of("demo", REV).withStatus(status).withObjects(List.of(), new ChangeSet(changes)).withSleep(sleep);
        return (error == null ? r : r.failed(FailureReason.ApplyFailed, error).withStatus(status)).finishedAt(at, Duration.ofSeconds(2));
    }
}
