package dev.stackagent.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jboss.logging.Logger;

import dev.stackagent.report.ClusterRequests;
import dev.stackagent.report.SyncResult;
import dev.stackagent.report.SyncListener;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.DesiredState;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.RepoFiles;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.StackLoader;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.source.FetchResult;
import dev.stackagent.source.GitSource;
import dev.stackagent.source.GitSourceException;
import dev.stackagent.source.RepoSnapshot;

/**
 * The agent's state between syncs: the last good version of every stack that targets this
 * cluster. {@link #refresh()} fetches Git and loads a new revision; a stack rejected at the new
 * revision keeps its last good version, so nothing running is lost or half-applied.
 */
public final class Agent {
    private static final Logger LOG = Logger.getLogger(Agent.class);

    /** A stack at the revision it was last valid at. */
    public record Versioned(Stack stack, String revision) {
    }

    private final GitSource git;
    private final StackSync sync;
    private final InventoryStore inventories;
    private final SyncListener status;
    private final ClusterRef cluster;
    private final List<SyncListener> listeners;
    private final LoadRules rules;
    private final Map<String, Versioned> stacks = new ConcurrentSkipListMap<>();
    private volatile String revision;

    public Agent(GitSource git, StackSync sync, InventoryStore inventories, SyncListener status, ClusterRef cluster,
            List<SyncListener> listeners) {
        this(git, sync, inventories, status, cluster, listeners, LoadRules.defaults());
    }

    /** As above, every revision checked against {@code rules} (the platform team's policy, the agent's namespace). */
    public Agent(GitSource git, StackSync sync, InventoryStore inventories, SyncListener status, ClusterRef cluster,
            List<SyncListener> listeners, LoadRules rules) {
        this.rules = rules;
        this.listeners = List.copyOf(listeners);
        this.git = git;
        this.sync = sync;
        this.inventories = inventories;
        this.status = status;
        this.cluster = cluster;
    }

    /**
     * Fetches Git and, when the revision moved, loads it. Returns the stacks whose desired state
     * changed (to be synced), or an empty list. Git errors are recorded and keep the last good state.
     */
    public synchronized List<String> refresh() {
        FetchResult fetch;
        long started = System.nanoTime();
        try {
            fetch = git.fetch();
            status.gitError(null);
        } catch (GitSourceException e) {
            LOG.warnf("git fetch failed (%s): %s; keeping revision %s", e.reason(), e.getMessage(), StackSync.shortRev(revision));
            status.gitError(e.getMessage());
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
            listeners.forEach(l -> l.fetched(revision, took, e.reason().name()));
            return List.of();
        }
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
        listeners.forEach(l -> l.fetched(fetch.revision(), took, null));
        if (fetch.revision().equals(revision)) {
            return List.of();
        }
        DesiredState state = StackLoader.load(fetch.revision(), files(git.snapshot(fetch.revision())),
                rules.withHolders(inventories.holders()));
        revision = fetch.revision();
        return accept(state);
    }

    /** Takes a loaded revision: valid stacks replace their last good version, rejected ones keep it. */
    public synchronized List<String> accept(DesiredState state) {
        List<String> changed = new ArrayList<>();
        Set<String> inGit = new java.util.HashSet<>(state.rejected().keySet());
        for (Stack s : state.stacks()) {
            inGit.add(s.name());
            if (!s.targets(cluster)) {
                continue;
            }
            Versioned previous = stacks.put(s.name(), new Versioned(s, state.revision()));
            status.revisionLoaded(s.name(), state.revision(), List.of());
            listeners.forEach(l -> l.revisionLoaded(s.name(), state.revision(), List.of()));
            if (previous == null || !previous.stack().equals(s)) {
                changed.add(s.name());
            }
        }
        state.rejected().forEach((name, errors) -> {
            if (name.isEmpty()) {
                return;
            }
            LOG.warnf("stack %s rejected at revision %s: %s", name, StackSync.shortRev(state.revision()), errors.get(0));
            status.revisionLoaded(name, state.revision(), errors);
            listeners.forEach(l -> l.revisionLoaded(name, state.revision(), errors));
        });
        for (String name : List.copyOf(stacks.keySet())) {
            Versioned v = stacks.get(name);
            boolean retargeted = state.stacks().stream().anyMatch(s -> s.name().equals(name) && !s.targets(cluster));
            if (!inGit.contains(name) || retargeted) {
                stacks.remove(name);
                changed.add(name);
                LOG.infof("stack %s is no longer in Git for this cluster (last at %s)", name, StackSync.shortRev(v.revision()));
            }
        }
        if (!state.stacks().isEmpty() || state.rejected().keySet().stream().anyMatch(n -> !n.isEmpty())) {
            for (String orphan : inventories.stacks()) {
                if (!stacks.containsKey(orphan) && !changed.contains(orphan) && !state.rejected().containsKey(orphan)) {
                    changed.add(orphan);
                }
            }
        }
        return changed;
    }

    /** Syncs one stack at its last good version; a stack no longer in Git has its objects pruned. */
    public SyncResult sync(String name) {
        return sync(name, ClusterRequests.NONE);
    }

    /**
     * As above, honouring what on-call asked through the cluster ({@code stack-agent suspend}, {@code wake|sleep},
     * {@code reconcile}): the result carries {@code requests}, so status, metrics and the Stack resource show them.
     */
    public SyncResult sync(String name, ClusterRequests requests) {
        Versioned v = stacks.get(name);
        if (v == null) {
            SyncResult r = sync.remove(name, revision);
            status.forgotten(name);
            listeners.forEach(l -> l.synced(null, r));
            return r;
        }
        SyncResult r = sync.sync(v.stack(), v.revision(), requests == null ? ClusterRequests.NONE : requests);
        status.synced(v.stack(), r);
        listeners.forEach(l -> l.synced(v.stack(), r));
        return r;
    }

    /**
     * The kinds of every object the agent's stacks hold, for watches. Secrets are not watched (least
     * privilege: no cluster-wide list of Secrets); copies are refreshed at each sync and resync.
     */
    public Set<dev.stackagent.desired.ObjectRef> kinds() {
        Set<dev.stackagent.desired.ObjectRef> out = new java.util.TreeSet<>();
        for (Versioned v : stacks.values()) {
            v.stack().objects().forEach(o -> out.add(new dev.stackagent.desired.ObjectRef(o.ref().apiVersion(), o.ref().kind(), null, "*")));
        }
        return out;
    }

    /** Stacks that declare node pools (polled against GKE, which has no watch). */
    public List<String> stacksWithNodePools() {
        return stacks.values().stream().filter(v -> !v.stack().config().nodePools().isEmpty()).map(v -> v.stack().name()).toList();
    }

    public List<SyncResult> syncAll() {
        return stacks.keySet().stream().map(this::sync).toList();
    }

    public Set<String> stackNames() {
        return Set.copyOf(stacks.keySet());
    }

    public Optional<String> revision() {
        return Optional.ofNullable(revision);
    }

    public Optional<Versioned> stack(String name) {
        return Optional.ofNullable(stacks.get(name));
    }

    private static RepoFiles files(RepoSnapshot snapshot) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (String p : snapshot.paths()) {
            if (p.startsWith(StackLoader.STACKS_DIR)) {
                snapshot.bytes(p).ifPresent(b -> files.put(p, b));
            }
        }
        return new RepoFiles(files, snapshot.symlinks());
    }
}
