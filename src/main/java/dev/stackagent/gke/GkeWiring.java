package dev.stackagent.gke;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.google.cloud.container.v1.ClusterManagerClient;

import dev.stackagent.policy.Policy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** CDI wiring of GKE node-pool management; the classes it builds are plain and tested without CDI. */
@Singleton
public class GkeWiring {

    private static final Logger LOG = Logger.getLogger(GkeWiring.class);

    private final List<ClusterManagerClient> clients = new CopyOnWriteArrayList<>();

    /** Checks the endpoint at start-up (plaintext only to loopback) and says whether GKE is managed. */
    void onStart(@Observes StartupEvent event, GkeConfig config) {
        if (!config.enabled()) {
            LOG.info("GKE management is off (stack-agent.gke.enabled=false): node pools are not read or changed "
                    + "and are reported as \"not managed\"; the agent manages Kubernetes objects only");
            return;
        }
        GkeEndpoint endpoint = GkeEndpoint.of(config);
        LOG.infof("GKE management is on: node pools declared in Git are kept as declared via %s", endpoint.describe());
    }

    /**
     * The agent's node pools, guarded by the agent policy ({@code nodePools.adoptable}): the {@link Policy}
     * bean when one is produced, else the built-in {@link Policy#defaults()} (no pool adoptable). The GKE
     * client is built by the first sync that needs it ({@link LazyNodePools}), off the agent's start-up.
     */
    @Produces
    @Singleton
    NodePools nodePools(GkeConfig config, KubernetesClient kubernetes, MeterRegistry registry, Policy policy) {
        if (!config.enabled()) {
            return NodePools.notManaged();
        }
        GkeEndpoint endpoint = GkeEndpoint.of(config);
        return new LazyNodePools(policy, () -> {
            ClusterManagerClient client = ClusterManagerClientFactory.create(endpoint);
            clients.add(client);
            LOG.infof("GKE client built for %s", endpoint.describe());
            return new GkeNodePools(client, new KubernetesNodeCounter(kubernetes), registry, OperationPolicy.of(config), Sleeper.SYSTEM, policy);
        });
    }

    void close(@Disposes NodePools pools) {
        clients.forEach(ClusterManagerClient::close);
        clients.clear();
    }
}
