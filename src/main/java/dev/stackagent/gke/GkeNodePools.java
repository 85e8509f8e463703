package dev.stackagent.gke;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jboss.logging.Logger;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.NodePool;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.NodePoolSpec;
import dev.stackagent.policy.Policy;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node pools of a stack's cluster as desired state: {@link #plan} compares, {@link #apply}
 * converges, {@link #replace} recreates a pool once the caller has stopped its workload. Pools that
 * Git does not declare are never read into a change nor touched. One sync at a time per instance.
 *
 * <p>Ownership ({@link NodePoolOwnership}): a pool this agent creates carries its stack's name as a GKE
 * resource label, and only such a pool is ever deleted or replaced, by that stack only. A pool the
 * agent did not create ({@code default-pool}, one made by hand) is not changed at all unless the
 * {@link Policy} names it under {@code nodePools.adoptable}; then it is resized and updated, never
 * deleted or replaced. A pool labelled for another stack is never changed.
 */
public final class GkeNodePools implements NodePools {

    private static final Logger LOG = Logger.getLogger(GkeNodePools.class);

    private final NodePoolReader reader;
    private final NodePoolApplier applier;
    private final GkeOperations operations;
    private final GkeCalls calls;
    private final NodePoolMetrics metrics;
    private final Policy agentPolicy;

    /** Under the built-in agent policy ({@link Policy#defaults()}: no pool adoptable). */
    public GkeNodePools(ClusterManagerClient client, NodeCounter nodes, MeterRegistry registry, OperationPolicy policy,
            Sleeper sleeper) {
        this(client, nodes, registry, policy, sleeper, Policy.defaults());
    }

    /** Under the platform team's agent policy: {@code nodePools.adoptable} names the pools it may adopt. */
    public GkeNodePools(ClusterManagerClient client, NodeCounter nodes, MeterRegistry registry, OperationPolicy policy,
            Sleeper sleeper, Policy agentPolicy) {
        this.calls = new GkeCalls(registry);
        this.reader = new NodePoolReader(client, calls, nodes);
        this.operations = new GkeOperations(client, calls, policy, sleeper);
        this.applier = new NodePoolApplier(client, operations);
        this.metrics = new NodePoolMetrics(registry);
        this.agentPolicy = agentPolicy == null ? Policy.defaults() : agentPolicy;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public Policy policy() {
        return agentPolicy;
    }

    /**
     * Drift of each declared pool of {@code stack}, no mutation. Changes the pool's ownership refuses are
     * shown blocked, with the reason. When GKE cannot be read the pools show "live state unknown".
     */
    @Override
    public LivePools read(ClusterRef cluster) {
        try {
            return LivePools.of(reader.pools(cluster));
        } catch (ApiException e) {
            return LivePools.unreadable("cannot read GKE: " + GkeException.gkeMessage(e));
        }
    }

    @Override
    public List<NodePoolDrift> plan(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools live) {
        if (live.unreadable() != null) {
            return desired.stream().map(spec -> NodePoolDiff.offline(spec, live.unreadable())).toList();
        }
        return desired.stream().map(spec -> drift(spec, live.pools().get(spec.name()), ownership(spec, live.pools(), stack), live))
                .toList();
    }

    /**
     * Converges the declared pools: creates, changes autoscaling / size / labels / taints / locations.
     * A pool that needs replacement is BLOCKED, or REPLACEMENT_PENDING when allowed (see {@link #replace}).
     * A pool that is not {@code stack}'s to change is BLOCKED with no mutating call. In sync means zero
     * mutating calls.
     */
    @Override
    public synchronized NodePoolResult apply(ClusterRef cluster, String stack, List<NodePoolSpec> desired, LivePools known) {
        int mark = calls.mark();
        List<PoolOutcome> outcomes = new ArrayList<>();
        Map<String, NodePool> live;
        LivePools counted;
        try {
            boolean waited = operations.awaitIdle(cluster); // a restart mid-operation resumes waiting here
            // the pools read at the start of the sync, unless an operation ran meanwhile
            boolean fresh = known != null && known.unreadable() == null && !waited;
            live = fresh ? known.pools() : reader.pools(cluster);
            counted = fresh ? known : null;
        } catch (ApiException | GkeException e) {
            String message = "cannot read node pools of " + cluster + ": "
                    + (e instanceof ApiException api ? GkeException.gkeMessage(api) : e.getMessage());
            desired.forEach(s -> outcomes.add(new PoolOutcome(s.name(), PoolOutcome.Kind.FAILED, List.of(message),
                    NodePoolDiff.offline(s, message))));
            return new NodePoolResult(cluster, outcomes, operations.drainWaits(), calls.since(mark));
        }
        for (NodePoolSpec spec : desired) {
            outcomes.add(applyOne(cluster, stack, spec, live.get(spec.name()), ownership(spec, live, stack), counted));
        }
        return new NodePoolResult(cluster, outcomes, operations.drainWaits(), calls.since(mark));
    }

    /**
     * Deletes and recreates a pool whose drift needs replacement, if the stack allows it and the pool
     * is this stack's (created by the agent for it; an adopted pool never is). The caller must have
     * stopped the workload on the pool first: its nodes are destroyed.
     */
    @Override
    public synchronized NodePoolResult replace(ClusterRef cluster, String stack, NodePoolSpec spec) {
        int mark = calls.mark();
        PoolOutcome outcome;
        try {
            operations.awaitIdle(cluster);
            Map<String, NodePool> live = reader.pools(cluster);
            NodePoolOwnership ownership = ownership(spec, live, stack);
            NodePoolDrift drift = drift(spec, live.get(spec.name()), ownership, null);
            if (!drift.needsReplacement()) {
                outcome = new PoolOutcome(spec.name(), PoolOutcome.Kind.UNCHANGED, List.of("no replacement needed"), drift);
            } else if (!spec.replacementAllowed() || !ownership.mayReplace() || drift.blocked()) {
                outcome = new PoolOutcome(spec.name(), PoolOutcome.Kind.BLOCKED, List.of(blockedMessage(drift, ownership)), drift);
            } else {
                LOG.infof("replacing node pool %s of %s: %s", spec.name(), cluster, drift.fieldChanges());
                applier.replace(cluster, stack, spec);
                outcome = new PoolOutcome(spec.name(), PoolOutcome.Kind.REPLACED,
                        List.of("deleted and recreated: " + drift.fieldChanges()), drift);
            }
        } catch (ApiException | GkeException e) {
            outcome = failed(spec, e, null);
        }
        return new NodePoolResult(cluster, List.of(outcome), operations.drainWaits(), calls.since(mark));
    }

    /** The cluster as GKE reports it, for the preflight checks; empty when not managed or not readable. */
    @Override
    public Optional<com.google.container.v1.Cluster> cluster(ClusterRef cluster) {
        try {
            return Optional.of(reader.cluster(cluster));
        } catch (ApiException e) {
            LOG.debugf("cannot read cluster %s: %s", cluster, GkeException.gkeMessage(e));
            return Optional.empty();
        }
    }

    /** "waiting for GKE operation X" while a sync waits on GKE. */
    @Override
    public Optional<String> currentWait() {
        return operations.currentWait();
    }

    private PoolOutcome applyOne(ClusterRef cluster, String stack, NodePoolSpec spec, NodePool live,
            NodePoolOwnership ownership, LivePools counted) {
        NodePoolDrift drift = null;
        try {
            drift = drift(spec, live, ownership, counted);
            if (ownership.kind() == NodePoolOwnership.Kind.OTHER_STACK) { // one owner per pool, even while in sync
                String why = ownership.refusal(ChangeType.SET_SIZE);
                LOG.warnf("%s", why);
                return new PoolOutcome(spec.name(), PoolOutcome.Kind.BLOCKED, List.of(why), drift);
            }
            if (drift.inSync()) {
                return new PoolOutcome(spec.name(), PoolOutcome.Kind.UNCHANGED, List.of(), drift);
            }
            if (!ownership.mayUpdate()) {
                String why = ownership.refusal(ChangeType.SET_SIZE);
                LOG.warnf("%s (drift: %s)", why, drift.fieldChanges());
                return new PoolOutcome(spec.name(), PoolOutcome.Kind.BLOCKED, List.of(why), drift);
            }
            if (drift.needsReplacement()) {
                return drift.blocked()
                        ? new PoolOutcome(spec.name(), PoolOutcome.Kind.BLOCKED, List.of(blockedMessage(drift, ownership)), drift)
                        : new PoolOutcome(spec.name(), PoolOutcome.Kind.REPLACEMENT_PENDING, List.of(
                                "needs replacement " + drift.fieldChanges()
                                        + ": stop the workload on the pool, then replace it"), drift);
            }
            List<String> done = applier.apply(cluster, stack, spec, live, drift);
            LOG.infof("node pool %s of %s: %s", spec.name(), cluster, done);
            return new PoolOutcome(spec.name(), live == null ? PoolOutcome.Kind.CREATED : PoolOutcome.Kind.UPDATED, done, drift);
        } catch (ApiException | GkeException e) {
            return failed(spec, e, drift);
        }
    }

    private NodePoolOwnership ownership(NodePoolSpec spec, Map<String, NodePool> live, String stack) {
        return NodePoolOwnership.of(spec.name(), live.get(spec.name()), stack, agentPolicy);
    }

    /** {@code counted}: where the pools' Nodes were already counted (null: count them now). */
    private NodePoolDrift drift(NodePoolSpec spec, NodePool live, NodePoolOwnership ownership, LivePools counted) {
        OptionalInt known = counted == null ? OptionalInt.empty() : counted.nodeCount(spec.name());
        OptionalInt count = live == null ? OptionalInt.empty() : known.isPresent() ? known : reader.nodeCount(spec.name());
        if (live != null) {
            metrics.record(live, count);
        }
        return ownership.guard(NodePoolDiff.diff(spec, live, count));
    }

    private static PoolOutcome failed(NodePoolSpec spec, RuntimeException e, NodePoolDrift drift) {
        String message = e instanceof ApiException api ? GkeException.gkeMessage(api) : e.getMessage();
        LOG.warnf("node pool %s: %s", spec.name(), message);
        return new PoolOutcome(spec.name(), PoolOutcome.Kind.FAILED, List.of(message), drift);
    }

    /** Why a replacement is refused: the pool's ownership, else the stack did not opt in. */
    private static String blockedMessage(NodePoolDrift drift, NodePoolOwnership ownership) {
        String why = ownership.mayReplace()
                ? "GKE cannot change these in place. Set allowReplacement: true to delete and recreate the pool"
                : ownership.refusal(ChangeType.REQUIRES_REPLACEMENT);
        return "needs replacement " + drift.fieldChanges() + "; " + why;
    }
}
