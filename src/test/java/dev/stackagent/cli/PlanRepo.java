package dev.stackagent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.stackagent.apply.EventRecorder;
import dev.stackagent.desired.Stack;
import dev.stackagent.gke.NodePools;
import dev.stackagent.report.SyncResult;
import dev.stackagent.sync.StackSync;
import dev.stackagent.sync.SyncParts;
import dev.stackagent.testing.ApiServerSimulation;
import dev.stackagent.testing.Stacks;
import picocli.CommandLine;

/** A one-stack config repo ("demo", namespace llm) on disk, the agent syncing it, and {@code plan} run on it in-process. */
final class PlanRepo {
    static final String STACK_YAML = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: Stack
            cluster: {project: p, location: europe-west4-a, name: c}
            namespaces:
              - name: llm
            """;
    static final String POLICY = """
            apiVersion: stack-agent.dev/v1alpha1
            kind: AgentPolicy
            kinds:
              - {group: "", kind: ConfigMap}
              - {group: "", kind: Secret}
              - {group: "", kind: Service}
              - {group: networking.k8s.io, kind: NetworkPolicy}
            """;

    record Run(int exitCode, String out, String err) {
    }

    static final String WITH_SECRET_COPY = STACK_YAML + """
            secretCopies:
              - {fromNamespace: istio-system, fromName: pull-secret, namespace: llm}
            """;

    final Path dir;
    final Path policy;
    String stackYaml = STACK_YAML;

    PlanRepo(Path dir) throws IOException {
        this.dir = dir;
        this.policy = Files.writeString(Files.createDirectories(dir).resolve("policy.yaml"), POLICY);
    }

    /** Writes the repo: stack.yaml plus these manifests (file name to YAML); the previous manifests are removed. */
    PlanRepo write(Map<String, String> manifests) throws IOException {
        Path stack = dir.resolve("repo/stacks/demo");
        if (Files.isDirectory(stack)) {
            try (var files = Files.list(stack)) {
                for (Path f : files.toList()) Files.delete(f);
            }
        }
        Files.createDirectories(stack);
        Files.writeString(stack.resolve("stack.yaml"), stackYaml);
        for (Map.Entry<String, String> m : manifests.entrySet()) Files.writeString(stack.resolve(m.getKey()), m.getValue());
        return this;
    }

    /** The agent's sync of these manifests onto {@code api}. */
    static SyncResult sync(ApiServerSimulation api, Map<String, String> manifests) {
        return sync(api, STACK_YAML, manifests);
    }

    static SyncResult sync(ApiServerSimulation api, String stackYaml, Map<String, String> manifests) {
        Map<String, String> files = new HashMap<>();
        files.put("stacks/demo/stack.yaml", stackYaml);
        manifests.forEach((name, body) -> files.put("stacks/demo/" + name, body));
        Stack stack = Stacks.load(files, dev.stackagent.policy.PolicyLoader.parse("p.yaml", POLICY.getBytes()));
        return new StackSync(SyncParts.of(api.client(), "stack-agent", NodePools.notManaged(), EventRecorder.NONE), Clock.systemUTC())
                .sync(stack, "rev1");
    }

    Path kubeconfig(ApiServerSimulation api) throws IOException {
        return dev.stackagent.testing.Kubeconfigs.write(dir.resolve("kubeconfig"), api.client().getMasterUrl());
    }

    /** {@code plan REPO --policy FILE ARGS...}, in-process. */
    Run plan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new PlanCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = dir.resolve("repo").toString();
        all[1] = "--policy";
        all[2] = policy.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int code = cmd.execute(all);
        return new Run(code, out.toString(), err.toString());
    }
}
