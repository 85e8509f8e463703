package dev.stackagent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stackagent.apply.ChangeSet;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.crd.StackStatusMapper;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePools;
import dev.stackagent.report.FailureReason;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncStatus;
import dev.stackagent.status.StatusStore;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.KnownFields;
import dev.stackagent.testing.RequestLog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Strict writes through a whole sync: before its first real write the agent dry-runs every create and
 * patch of the stack (strict), so a field the API server rejects fails the stack with the server's
 * message and nothing of the stack is written. On a test server that simulates {@code dryRun} and
 * {@code fieldValidation} ({@link ApiServerSimulation}).
 */
class StrictDryRunSyncTest {
    ApiServerSimulation api;
    KubernetesClient client;
    RequestLog requests;
    StackSync sync;

    static final String TYPO = StackSyncTest.POLICY.replace("  ingress:", "  policyType: [Ingress, Egress]\n  ingress:");

    @BeforeEach
    void setUp() {
        api = KnownFields.declare(new ApiServerSimulation());
        client = api.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        sync = new StackSync(SyncParts.of(client, "stack-agent", NodePools.notManaged(), EventRecorder.NONE), Clock.systemUTC());
        requests = new RequestLog(api.server());
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    static Stack stack(Map<String, String> manifests) {
        return StackSyncTest.stack("", manifests);
    }

    @Test
    void aStrictRejectionFailsTheStackWithTheFieldAndWritesNothingOfIt() {
        SyncResult first = sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG)), "rev1");
        assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(SyncStatus.Synced);
        requests.clear();

        // rev2 changes the ConfigMap and adds a NetworkPolicy with a typo the API server does not know
        String changed = StackSyncTest.CONFIG.replace("\"2048\"", "\"4096\"");
        Stack rev2 = stack(Map.of("config.yaml", changed, "policy.yaml", TYPO));
        SyncResult r = sync.sync(rev2, "rev2");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.reason()).isEqualTo(FailureReason.ApplyFailed);
        assertThat(r.error()).contains("NetworkPolicy").contains("allow-gateway").contains("unknown field \"spec.policyType\"")
                .contains("nothing of the stack applied");
        assertThat(r.changes().entries()).extracting(ChangeSet.Entry::result).containsOnly(ChangeSet.Result.FAILED);
        assertThat(client.configMaps().inNamespace("llm").withName("settings").get().getData())
                .as("the ConfigMap patch, before the rejected object in apply order, was not written").containsEntry("maxModelLen", "2048");
        assertThat(client.network().v1().networkPolicies().inNamespace("llm").list().getItems()).isEmpty();
        List<String> writes = requests.writes().stream().filter(w -> !w.contains("/namespaces/stack-agent/")).toList();
        assertThat(writes).as("only dry runs were sent: " + writes).isNotEmpty().allSatisfy(w -> assertThat(w).contains("dryRun=All"));
        // what on-call sees: GET /api/v1/stacks (the status store) and the Stack resource's status.lastError
        StatusStore status = new StatusStore();
        status.recordSync(r);
        assertThat(status.get("demo").orElseThrow().lastError()).contains("unknown field \"spec.policyType\"");
        assertThat(status.get("demo").orElseThrow().reason()).isEqualTo("ApplyFailed");
        assertThat(StackStatusMapper.next(rev2, r, Optional.empty(), null, 1L).getLastError()).contains("unknown field \"spec.policyType\"");
    }

    @Test
    void theDryRunPassCostsOneRequestPerCreateOrPatchAfterTheFirstAndNoneWhenInSync() {
        sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG)), "rev1");
        requests.clear();

        String changed = StackSyncTest.CONFIG.replace("\"2048\"", "\"4096\"");
        SyncResult r = sync.sync(stack(Map.of("config.yaml", changed, "policy.yaml", StackSyncTest.POLICY)), "rev2");

        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(SyncStatus.Synced);
        List<String> writes = requests.writes().stream().filter(w -> !w.contains("/namespaces/stack-agent/")).toList(); // not the inventory
        // the ConfigMap patch is the first write: its real write is its check; the NetworkPolicy create after it is dry-run first
        assertThat(writes.stream().filter(w -> w.contains("dryRun=All"))).singleElement().asString().contains("networkpolicies");
        assertThat(writes.stream().filter(w -> !w.contains("dryRun=All"))).hasSize(2);
        assertThat(client.configMaps().inNamespace("llm").withName("settings").get().getData()).containsEntry("maxModelLen", "4096");

        requests.clear();
        SyncResult again = sync.sync(stack(Map.of("config.yaml", changed, "policy.yaml", StackSyncTest.POLICY)), "rev2");
        assertThat(again.status()).isEqualTo(SyncStatus.Synced);
        assertThat(requests.writes()).as("in sync: no dry run, no write").isEmpty();
    }

    /** The first write is not dry-run: its strict real write rejects it, and nothing was written before it, nor after. */
    @Test
    void aBadFirstWriteIsRejectedByItsRealWriteWithNothingOfTheStackWritten() {
        sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG)), "rev1");
        requests.clear();

        SyncResult r = sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG, "policy.yaml", TYPO)), "rev2");

        assertThat(r.status()).isEqualTo(SyncStatus.Failed);
        assertThat(r.reason()).isEqualTo(FailureReason.ApplyFailed);
        assertThat(r.error()).contains("NetworkPolicy").contains("unknown field \"spec.policyType\"").contains("HTTP 400");
        assertThat(requests.writes().stream().filter(w -> !w.contains("/namespaces/stack-agent/")))
                .as("the one create, strict, rejected").containsExactly("POST /apis/networking.k8s.io/v1/namespaces/llm/networkpolicies?fieldValidation=Strict");
        assertThat(client.network().v1().networkPolicies().inNamespace("llm").list().getItems()).isEmpty();
    }

    /** When an object after the first write is rejected, the first is dry-run too: the commit's every rejection at once, nothing written. */
    @Test
    void everyRejectionOfACommitIsReportedAtOnceTheFirstWritesToo() {
        sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG)), "rev1");
        requests.clear();

        String badConfig = StackSyncTest.CONFIG + "datta:\n  maxModelLen: \"4096\"\n";
        SyncResult r = sync.sync(stack(Map.of("config.yaml", badConfig, "policy.yaml", TYPO)), "rev2");

        assertThat(r.reason()).isEqualTo(FailureReason.ApplyFailed);
        assertThat(r.changes().entries()).extracting(e -> e.ref().name()).containsExactly("settings", "allow-gateway");
        assertThat(r.changes().entries()).allSatisfy(e -> assertThat(e.message()).contains("nothing of the stack applied"));
        assertThat(requests.writes().stream().filter(w -> !w.contains("/namespaces/stack-agent/")))
                .as("dry runs only").isNotEmpty().allSatisfy(w -> assertThat(w).contains("dryRun=All"));
        assertThat(client.configMaps().inNamespace("llm").withName("settings").get().getAdditionalProperties()).doesNotContainKey("datta");
    }

    @Test
    void inANamespaceTheStackCreatesTheStrictRealWriteStillRejectsTheField() {
        // the namespace does not exist yet, so its objects cannot be dry-run; the strict create still names the field
        SyncResult r = sync.sync(stack(Map.of("config.yaml", StackSyncTest.CONFIG, "policy.yaml", TYPO)), "rev1");

        assertThat(r.reason()).isEqualTo(FailureReason.ApplyFailed);
        assertThat(r.error()).contains("unknown field \"spec.policyType\"").contains("HTTP 400");
        assertThat(client.network().v1().networkPolicies().inNamespace("llm").list().getItems()).isEmpty();
    }
}
