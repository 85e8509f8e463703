package dev.stackagent.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

/**
 * How a CLI command reaches the cluster the agent runs in: the kubeconfig ({@code --kubeconfig}, else {@code KUBECONFIG},
 * else {@code ~/.kube/config}, else in-cluster), its context ({@code --context}, default the current one) and the agent's
 * namespace ({@code --namespace}, where the {@code Stack} resources live).
 */
public class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use (default: $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "stack-agent",
            description = "The agent's namespace, where its Stack resources are (default: ${DEFAULT-VALUE}).")
    String namespace;

    /** A client for the chosen kubeconfig and context; {@link IllegalStateException} naming the file when it cannot be read. */
    KubernetesClient client() {
        Config config;
        if (kubeconfig != null) {
            if (!Files.isReadable(kubeconfig)) {
                throw new IllegalStateException("cannot read kubeconfig " + kubeconfig + ": no such file or not readable");
            }
            config = Config.fromKubeconfig(context, kubeconfig.toFile());
        } else {
            config = Config.autoConfigure(context);
        }
        config.setRequestRetryBackoffLimit(1); // a CLI answers at once: an unreachable cluster is reported, not retried for a minute
        config.setConnectionTimeout(10_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
