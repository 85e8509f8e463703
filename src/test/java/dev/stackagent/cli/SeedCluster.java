package dev.stackagent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.TestCrds;

/**
 * A CRUD test server the CLI can reach through a kubeconfig, holding what the seed stack needs
 * before the agent runs: the LLMInferenceService CRD, the agent's and istio-system's namespaces and
 * the pull secret its Secret copy reads.
 */
final class SeedCluster implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient client;

    SeedCluster() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
                new java.util.HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        ApiServerSimulation.install(server); // dryRun and fieldValidation as a real API server treats them
        client = server.createClient();
        TestCrds.installLlmInferenceService(client);
        for (String ns : List.of("istio-system", "stack-agent")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        client.secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata().withName("redhat-pull-secret")
                .endMetadata().addToData(".dockerconfigjson", "e30=").build()).create();
    }

    /** A kubeconfig for this server, written to {@code file}. */
    Path kubeconfig(Path file) throws IOException {
        return dev.stackagent.testing.Kubeconfigs.write(file, client.getMasterUrl());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
