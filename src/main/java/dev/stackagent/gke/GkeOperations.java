package dev.stackagent.gke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.Operation;

import dev.stackagent.desired.ClusterRef;

/**
 * Runs one mutating GKE call at a time per cluster and waits for its Operation: before the call it
 * waits for any operation already running on the cluster (so a restarted agent resumes waiting instead
 * of starting another); a busy cluster (CLUSTER_ALREADY_HAS_OPERATION) or RESOURCE_EXHAUSTED is
 * retried with backoff within the policy's budget; an operation that ends with an error fails with
 * GKE's message.
 */
public final class GkeOperations {

    static final String CLUSTER_BUSY = "CLUSTER_ALREADY_HAS_OPERATION";
    private static final Logger LOG = Logger.getLogger(GkeOperations.class);

    private final ClusterManagerClient client;
    private final GkeCalls calls;
    private final OperationPolicy policy;
    private final Sleeper sleeper;
    private final List<String> waits = new ArrayList<>();
    private volatile String waitingFor;

    public GkeOperations(ClusterManagerClient client, GkeCalls calls, OperationPolicy policy, Sleeper sleeper) {
        this.client = client;
        this.calls = calls;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** "waiting for GKE operation X (TYPE)" while a sync waits on GKE, for status; empty otherwise. */
    public Optional<String> currentWait() {
        return Optional.ofNullable(waitingFor);
    }

    /** Waits recorded since the last call, and clears them. */
    synchronized List<String> drainWaits() {
        List<String> drained = List.copyOf(waits);
        waits.clear();
        return drained;
    }

    /** Waits until no operation is PENDING or RUNNING on the cluster (however it was started). */
    /** Waits for the operations running on the cluster; true when there was one (the pools may have changed). */
    public boolean awaitIdle(ClusterRef cluster) {
        String parent = "projects/" + cluster.project() + "/locations/" + cluster.location();
        List<Operation> running = calls.call("listOperations", parent, () -> client.listOperations(parent))
                .getOperationsList().stream()
                .filter(op -> op.getStatus() == Operation.Status.PENDING || op.getStatus() == Operation.Status.RUNNING)
                .filter(op -> targetsCluster(op, cluster))
                .toList();
        for (Operation op : running) {
            note("waiting for GKE operation " + op.getName() + " (" + op.getOperationType() + ") already running on " + cluster);
            awaitDone(cluster, op);
        }
        return !running.isEmpty();
    }

    /** Runs a mutating call once the cluster is idle and waits for its operation; fails with GKE's message. */
    public Operation run(ClusterRef cluster, String method, String target, Supplier<Operation> mutation) {
        Duration backoff = policy.pollInitial();
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            awaitIdle(cluster);
            Operation op;
            try {
                op = calls.call(method, target, mutation);
            } catch (ApiException e) {
                if (!isBusy(e)) {
                    throw new GkeException(method + " " + target + " failed: " + GkeException.gkeMessage(e), e);
                }
                if (attempt >= policy.busyMaxAttempts() || waited.compareTo(policy.busyMaxWait()) >= 0) {
                    throw new GkeException("GKE cluster " + cluster + " is still busy after " + attempt + " attempts of "
                            + method + " " + target + ": " + GkeException.gkeMessage(e), e);
                }
                note("waiting for GKE: cluster " + cluster + " busy (" + reason(e) + "), retrying " + method + " in " + backoff);
                sleep(backoff);
                waited = waited.plus(backoff);
                backoff = policy.next(backoff);
                continue;
            }
            Operation done = awaitDone(cluster, op);
            if (done.hasError() && done.getError().getCode() != 0) {
                throw new GkeException("GKE operation " + done.getName() + " (" + method + " " + target + ") failed: "
                        + done.getError().getMessage());
            }
            return done;
        }
    }

    private Operation awaitDone(ClusterRef cluster, Operation op) {
        String name = operationName(cluster, op.getName());
        Duration interval = policy.pollInitial();
        Duration elapsed = Duration.ZERO;
        Operation current = op;
        try {
            while (current.getStatus() != Operation.Status.DONE) {
                waitingFor = "waiting for GKE operation " + op.getName() + " (" + op.getOperationType() + ", " + current.getStatus() + ")";
                if (elapsed.compareTo(policy.operationTimeout()) >= 0) {
                    throw new GkeException("GKE operation " + op.getName() + " still " + current.getStatus() + " after "
                            + elapsed + "; it keeps running in GKE and the next sync waits for it");
                }
                sleep(interval);
                elapsed = elapsed.plus(interval);
                interval = policy.next(interval);
                current = calls.call("getOperation", name, () -> client.getOperation(name));
            }
            return current;
        } finally {
            waitingFor = null;
        }
    }

    static String operationName(ClusterRef cluster, String name) {
        return name.startsWith("projects/") ? name
                : "projects/" + cluster.project() + "/locations/" + cluster.location() + "/operations/" + name;
    }

    private static boolean targetsCluster(Operation op, ClusterRef cluster) {
        String link = op.getTargetLink();
        String marker = "/clusters/" + cluster.name();
        int at = link.indexOf(marker);
        return at >= 0 && (at + marker.length() == link.length() || link.charAt(at + marker.length()) == '/');
    }

    private static boolean isBusy(ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        return code == StatusCode.Code.RESOURCE_EXHAUSTED
                || (code == StatusCode.Code.FAILED_PRECONDITION && CLUSTER_BUSY.equals(e.getReason()));
    }

    private static String reason(ApiException e) {
        return e.getReason() != null ? e.getReason() : e.getStatusCode().getCode().name();
    }

    private synchronized void note(String wait) {
        LOG.info(wait);
        waits.add(wait);
        waitingFor = wait;
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GkeException("interrupted while waiting for GKE", e);
        }
    }
}
