package dev.stackagent.app;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.stackagent.net.LazyHttpClient;
import dev.stackagent.sync.Agent;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.apply.AsyncEventRecorder;
import dev.stackagent.apply.EventRecorder;
import dev.stackagent.cache.WatchCache;
import dev.stackagent.apply.KubernetesEventRecorder;
import dev.stackagent.apply.WriteListener;
import dev.stackagent.config.AgentConfig;
import dev.stackagent.config.CostConfig;
import dev.stackagent.config.EventsConfig;
import dev.stackagent.config.NotificationConfig;
import dev.stackagent.config.PreflightConfig;
import dev.stackagent.crd.StackEventRecorder;
import dev.stackagent.crd.StackHealthLookup;
import dev.stackagent.crd.StackResourceWriter;
import dev.stackagent.config.PolicyConfig;
import dev.stackagent.desired.ClusterRef;
import dev.stackagent.desired.LoadRules;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.live.KubernetesLiveObjects;
import dev.stackagent.policy.Policy;
import dev.stackagent.policy.PolicyLoader;
import dev.stackagent.gke.KubernetesNodeCounter;
import dev.stackagent.gke.NodePools;
import dev.stackagent.health.preflight.ComponentSpec;
import dev.stackagent.health.preflight.Preflight;
import dev.stackagent.health.preflight.PreflightOptions;
import dev.stackagent.health.preflight.PreflightRunner;
import dev.stackagent.inventory.InventoryStore;
import dev.stackagent.metrics.StackMetrics;
import dev.stackagent.notify.EventProviderFailureSink;
import dev.stackagent.notify.NotificationSetup;
import dev.stackagent.notify.Notifier;
import dev.stackagent.policy.Policy;
import dev.stackagent.schedule.CostModel;
import dev.stackagent.source.GitConfig;
import dev.stackagent.source.GitSource;
import dev.stackagent.source.Redaction;
import dev.stackagent.status.StatusStore;
import dev.stackagent.triggers.OwnWrites;
import dev.stackagent.verify.StackVerifier;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the pipeline's plain classes together for the running agent. */
@ApplicationScoped
public class AgentBeans {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AgentBeans.class);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The versions the agent wrote itself, shared by the applier and the watches (which skip their echo). */
    @Produces
    @Singleton
    OwnWrites ownWrites() {
        return new OwnWrites();
    }

    /** The reads served from the watches (started and stopped by {@link AgentRuntime}). */
    @Produces
    @Singleton
    WatchCache watchCache(KubernetesClient client, AgentConfig config, OwnWrites ownWrites) {
        return new WatchCache(client, config.namespace(), ownWrites);
    }

    @Produces
    @Singleton
    InventoryStore inventoryStore(KubernetesClient client, AgentConfig config, WatchCache cache) {
        return new InventoryStore(client, config.namespace(), cache.configMaps());
    }

    @Produces
    @Singleton
    StackSync stackSync(KubernetesClient client, AgentConfig config, NodePools pools, Clock clock, PreflightConfig preflight,
            OwnWrites ownWrites, Policy policy, EventsConfig events, WatchCache cache) {
        SyncParts parts = SyncParts.of(client, config.namespace(), pools, objectEvents(events, client, config.namespace(), clock),
                ownWritesListener(ownWrites), policy, cache, cache.configMaps());
        HttpClient http = LazyHttpClient.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)));
        parts = parts.withVerifier(new StackVerifier(new KubernetesLiveObjects(client), StackVerifier.http(http, clock, policy), clock, policy));
        if (preflight.enabled()) {
            PreflightOptions options = new PreflightOptions(ComponentSpec.seedDefaults(), preflight.gatewayNamespace(), preflight.gatewayName(),
                    preflight.blocking().orElse(Set.of()));
            parts = parts.withPreflight(new PreflightRunner(new Preflight(client, options, clock), c -> pools.cluster(c).orElse(null),
                    preflight.interval(), options.blocking(), clock));
        }
        return new StackSync(parts, clock);
    }

    @Produces
    @Singleton
    Agent agent(GitSource git, StackSync sync, InventoryStore inventories, StatusStore status, AgentConfig config, StackMetrics metrics,
            Policy policy, Notifier notifier, StackResourceWriter stackResources) {
        Agent agent = new Agent(git, sync, inventories, status, clusterIdentity(config), List.of(metrics, stackResources, notifier),
                new LoadRules(policy, config.namespace(), java.util.Map.of()));
        notifier.lookUpStacksWith(name -> agent.stack(name).map(Agent.Versioned::stack));
        return agent;
    }

    /** The Stack resources' status and Events; reads them from the agent's informer once it runs ({@link AgentRuntime}). */
    @Produces
    @Singleton
    StackResourceWriter stackResourceWriter(KubernetesClient client, AgentConfig config, GitConfig gitConfig, Clock clock) {
        return new StackResourceWriter(client, config.namespace(), gitConfig.url().map(Redaction::url).orElse(""), StackHealthLookup.none(),
                new StackEventRecorder(client, config.namespace(), clock));
    }

    /** Commit statuses and alerts ({@code stack-agent.notifications.*}, docs/notifications.md); off until configured. */
    @Produces
    @Singleton
    Notifier notifier(NotificationConfig notifications, GitConfig gitConfig, AgentConfig config, MeterRegistry registry, KubernetesClient client,
            Clock clock) {
        return NotificationSetup.create(notifications, gitConfig.url(), config.cluster().name().orElse("cluster"), registry,
                new EventProviderFailureSink(client, config.namespace(), clock), clock);
    }

    /**
     * The platform team's policy ({@code stack-agent.policy.file}), read once at start; without a file
     * the built-in default. A file that cannot be read or is not valid stops the agent with one line.
     */
    @Produces
    @Singleton
    Policy policy(PolicyConfig config) {
        Policy policy = PolicyLoader.load(config.file().orElse(null));
        LOG.infof("policy: %s", config.file().map(f -> f.toString()).orElse("built-in default (no stack-agent.policy.file)"));
        return policy;
    }

    @Produces
    @Singleton
    StackMetrics stackMetrics(MeterRegistry registry, CostConfig cost, KubernetesClient client) {
        return new StackMetrics(registry, CostModel.withPrices(cost.prices()), new KubernetesNodeCounter(client));
    }

    /** Created/Configured/Pruned Events on each managed object, only with {@code stack-agent.events.per-object=true}. */
    static EventRecorder objectEvents(EventsConfig events, KubernetesClient client, String namespace, Clock clock) {
        return events.perObject() ? new AsyncEventRecorder(new KubernetesEventRecorder(client, namespace, clock), 10_000) : EventRecorder.NONE;
    }

    /** Tells {@code ownWrites} about every write the applier makes: announced before it is sent, recorded or aborted after. */
    public static WriteListener ownWritesListener(OwnWrites ownWrites) {
        return new WriteListener() {
            @Override
            public void writing(ObjectRef ref) {
                ownWrites.begin(ref.kind(), ref.namespace(), ref.name());
            }

            @Override
            public void wrote(ObjectRef ref, String resourceVersion) {
                ownWrites.record(ref.kind(), ref.namespace(), ref.name(), resourceVersion);
            }

            @Override
            public void failed(ObjectRef ref) {
                ownWrites.abort(ref.kind(), ref.namespace(), ref.name());
            }
        };
    }

    /** The cluster this agent manages; required to run, so an agent never reconciles another cluster's stacks. */
    static ClusterRef clusterIdentity(AgentConfig config) {
        AgentConfig.Cluster c = config.cluster();
        if (c.project().isEmpty() || c.location().isEmpty() || c.name().isEmpty()) {
            throw new IllegalStateException("set stack-agent.cluster.project, stack-agent.cluster.location and stack-agent.cluster.name "
                    + "(env STACK_AGENT_CLUSTER_PROJECT, _LOCATION, _NAME): the agent reconciles only the stacks that target its own cluster");
        }
        return new ClusterRef(c.project().get(), c.location().get(), c.name().get());
    }
}
