package dev.stackagent.gke;

import java.io.IOException;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;

import io.grpc.ManagedChannelBuilder;

/**
 * Builds the GKE {@link ClusterManagerClient}: Application Default Credentials (Workload Identity on
 * GKE) against GKE's endpoint or a configured one, or plaintext without credentials to a loopback
 * emulator. Credentials are never read or logged here; the Google auth library finds them.
 */
public final class ClusterManagerClientFactory {

    private ClusterManagerClientFactory() {
    }

    public static ClusterManagerClient create(GkeEndpoint endpoint) {
        try {
            ClusterManagerSettings.Builder settings = ClusterManagerSettings.newBuilder();
            if (endpoint.plaintext()) {
                settings.setCredentialsProvider(NoCredentialsProvider.create())
                        .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                                .setEndpoint(endpoint.hostPort().orElseThrow())
                                .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                                .build());
            } else if (endpoint.hostPort().isPresent()) {
                settings.setEndpoint(endpoint.hostPort().get());
            }
            return ClusterManagerClient.create(settings.build());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the GKE client for " + endpoint.describe()
                    + " (are Application Default Credentials available? Workload Identity on GKE, gcloud auth application-default login"
                    + " locally; or set stack-agent.gke.enabled=false to manage Kubernetes objects only): " + e.getMessage(), e);
        }
    }
}
