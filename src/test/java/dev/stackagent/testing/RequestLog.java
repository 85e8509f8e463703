package dev.stackagent.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The requests a Kubernetes test server received, drained since the last call. */
public final class RequestLog {
    private final KubernetesMockServer server;

    public RequestLog(KubernetesMockServer server) {
        this.server = server;
    }

    /** Forgets everything received so far. */
    public void clear() {
        drain();
    }

    /** "METHOD path" of every request since the last call. */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** The writes (POST, PUT, PATCH, DELETE) since the last call. */
    public List<String> writes() {
        return drain().stream().filter(r -> !r.startsWith("GET ")).toList();
    }
}
