package dev.stackagent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for a test server (token auth, TLS not verified, namespace default), as the CLI commands read one. */
public final class Kubeconfigs {
    private Kubeconfigs() {
    }

    public static Path write(Path file, Object serverUrl) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: test, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: test, user: {token: test}}]
                contexts: [{name: test, context: {cluster: test, user: test, namespace: default}}]
                current-context: test
                """.formatted(serverUrl));
    }
}
