package dev.stackagent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stackagent.crd.StackResource;
import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.desired.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every verb on a stack shares: write annotations on its {@code Stack} resource in the agent's namespace (a JSON
 * Patch on {@code metadata.annotations}; RBAC: {@code get} and {@code patch} on {@code stacks}), and with
 * {@code --wait} poll the resource until the agent's status shows it acted, then print the outcome.
 *
 * <p>Exit codes: 0 done (or requested, without {@code --wait}); 1 the agent acted and reported a failure, or did not act
 * within {@code --timeout}; 2 bad arguments, no such Stack resource, or the cluster could not be reached.
 */
abstract class StackVerbCommand implements Callable<Integer> {
    /** Built when a verb first patches, not when picocli builds the command model (every command, `run` included). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack (the name of its Stack resource: kubectl get stacks -n NS).")
    String stack;

    @Option(names = "--wait", description = "Wait until the agent has acted, and print the outcome.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long --wait waits, e.g. 90s, 5m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec spec;

    /** Where request instants come from (tests set a fixed clock). */
    Clock clock = Clock.systemUTC();
    /** How often --wait reads the resource. */
    Duration pollEvery = Duration.ofMillis(500);

    /** What was asked, when it is answered by the agent: its exit code and the line to print. */
    record Outcome(int exitCode, String message) {
    }

    /** The annotations to write at {@code now}; a null value removes the annotation. {@link IllegalArgumentException}: bad arguments. */
    abstract Map<String, String> annotations(Instant now);

    /** The line printed once the annotations are written. */
    abstract String requested(Map<String, String> written);

    /** The outcome once the status shows the agent acted on {@code written}; empty while it has not. */
    abstract Optional<Outcome> acted(StackResourceStatus status, Map<String, String> written);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration limit;
        Map<String, String> written;
        try {
            limit = Durations.parse(timeout);
            written = annotations(clock.instant());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        String action = spec.name() + " stack " + stack + " (Stack resource " + cluster.namespace + "/" + stack + ")";
        KubernetesClient client;
        try {
            client = cluster.client();
        } catch (RuntimeException e) {
            err.println("error: " + ClusterErrors.describe(e, null, action));
            return 2;
        }
        try (client) {
            Resource<StackResource> resource = client.resources(StackResource.class).inNamespace(cluster.namespace).withName(stack);
            StackResource current = resource.get();
            if (current == null) {
                err.println("error: no Stack resource " + stack + " in namespace " + cluster.namespace + " on " + client.getMasterUrl()
                        + ": the agent creates one per stack it reconciles (kubectl get stacks -n " + cluster.namespace
                        + "; --namespace if the agent runs elsewhere)");
                return 2;
            }
            resource.patch(PatchContext.of(PatchType.JSON), jsonPatch(current.getMetadata().getAnnotations(), written));
            out.println(requested(written));
            if (!wait) {
                return 0;
            }
            return await(resource, written, limit, out, err);
        } catch (RuntimeException e) {
            err.println("error: " + ClusterErrors.describe(e, client.getMasterUrl() == null ? null : client.getMasterUrl().toString(), action));
            return 2;
        }
    }

    private int await(Resource<StackResource> resource, Map<String, String> written, Duration limit, PrintWriter out, PrintWriter err) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            StackResource r = resource.get();
            Optional<Outcome> outcome = r == null || r.getStatus() == null ? Optional.empty() : acted(r.getStatus(), written);
            if (outcome.isPresent()) {
                (outcome.get().exitCode() == 0 ? out : err).println(outcome.get().message());
                return outcome.get().exitCode();
            }
            if (System.nanoTime() > deadline) {
                err.println("error: the agent did not act on " + stack + " within " + Durations.format(limit)
                        + " (the request stays recorded; is the agent running? kubectl -n " + cluster.namespace
                        + " logs -l stack-agent.dev/role=leader)");
                return 1;
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /**
     * A JSON Patch setting the annotations with a value and removing those given as null that exist (a JSON merge patch
     * would do the same on an API server, but is not honoured for removals by every server, the test server included).
     */
    static String jsonPatch(Map<String, String> current, Map<String, String> annotations) {
        List<Map<String, Object>> ops = new ArrayList<>();
        Map<String, String> now = current == null ? Map.of() : current;
        if (now.isEmpty()) { // fabric8 reads a missing map as empty: on the server it may be absent, and adding into it would fail
            ops.add(op("add", "/metadata/annotations", Map.of()));
        }
        annotations.forEach((key, value) -> {
            String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
            if (value != null) {
                ops.add(op("add", path, value));
            } else if (now.containsKey(key)) {
                ops.add(op("remove", path, null));
            }
        });
        try {
            return Json.MAPPER.writeValueAsString(ops);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("path", path);
        if (value != null) {
            m.put("value", value);
        }
        return m;
    }
}
