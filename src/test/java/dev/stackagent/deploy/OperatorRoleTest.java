package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.cli.StackAgentCommand;
import dev.stackagent.crd.StackResource;
import dev.stackagent.testing.RequestLog;
import dev.stackagent.testing.TestCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import picocli.CommandLine;

/**
 * The {@code stack-agent-operator} Role (deploy/base/operator-role.yaml) grants what the CLI's verbs call on the cluster,
 * plus list and watch for kubectl get -w and kubectl wait, and nothing else.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorRoleTest {
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void operatorRoleGrantsEveryCallOfTheCliCommandsAndNothingMore(@TempDir Path tmp) throws IOException {
        TestCrds.installStack(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stack-agent").endMetadata().build()).create();
        StackResource demo = new StackResource();
        demo.getMetadata().setName("demo");
        demo.getMetadata().setNamespace("stack-agent");
        client.resources(StackResource.class).inNamespace("stack-agent").resource(demo).create();
        Path kubeconfig = dev.stackagent.testing.Kubeconfigs.write(tmp.resolve("kubeconfig"), client.getMasterUrl());
        RequestLog log = new RequestLog(server);
        log.clear();
        for (List<String> args : List.of(List.of("reconcile", "demo", "--with-source"), List.of("suspend", "demo", "--reason", "INC-1"),
                List.of("resume", "demo"), List.of("wake", "demo", "--for", "2h"), List.of("sleep", "demo", "--for", "8h"))) {
            CommandLine cmd = new CommandLine(new StackAgentCommand());
            StringWriter err = new StringWriter();
            cmd.setErr(new PrintWriter(err, true));
            cmd.setOut(new PrintWriter(new StringWriter(), true));
            List<String> all = new java.util.ArrayList<>(args);
            all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
            assertThat(cmd.execute(all.toArray(String[]::new))).as(args + ": " + err).isZero();
        }
        Set<ApiPermission> called = new TreeSet<>();
        for (String r : log.drain()) {
            int space = r.indexOf(' ');
            ApiPermission.ofRequest(r.substring(0, space), r.substring(space + 1), "stack-agent").ifPresent(p -> called.add(p.anyName()));
        }
        ObjectNode role = Manifests.render("deploy/overlays/gke").one("Role", "stack-agent-operator");
        Set<ApiPermission> granted = new TreeSet<>(RbacGrants.expand(role, true));

        assertThat(called).as("the verbs read and patch Stack resources")
                .containsExactlyInAnyOrder(ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "get"),
                        ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "patch"));
        assertThat(granted).containsAll(called);
        assertThat(granted).containsExactlyInAnyOrder(ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "get"),
                ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "list"),
                ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "watch"),
                ApiPermission.inAgentNamespace("stack-agent.dev", "stacks", "patch"));
    }
}
