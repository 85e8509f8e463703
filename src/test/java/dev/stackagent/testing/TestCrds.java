package dev.stackagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.stackagent.template.TemplateFiles;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Installs the CRDs the agent's objects need into a Kubernetes test server. The real KServe
 * v0.16.0 CRD from {@code ../shared/crds} when present; otherwise a minimal stand-in with the same
 * group, kind and version (so tests of the loop still run in a user's clone without {@code ../shared}).
 */
public final class TestCrds {
    private TestCrds() {
    }

    public static boolean realCrdsAvailable() {
        return kserveCrd().isPresent();
    }

    public static void installLlmInferenceService(KubernetesClient client) {
        CustomResourceDefinition crd = kserveCrd().map(p -> load(client, p)).orElseGet(TestCrds::minimalLlmInferenceService);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(r -> r.update());
    }

    public static void installHttpRoute(KubernetesClient client) {
        Optional<Path> real = TemplateFiles.sharedDir()
                .map(d -> d.resolve("crds/gateway-api-v1.5.1-standard/gateway.networking.k8s.io_httproutes.yaml"))
                .filter(Files::isRegularFile);
        CustomResourceDefinition crd = real.map(p -> load(client, p))
                .orElseGet(() -> minimal("gateway.networking.k8s.io", "HTTPRoute", "httproutes", "v1"));
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(r -> r.update());
    }

    /** The agent's own Stack CRD, from {@code manifests/}. */
    public static void installStack(KubernetesClient client) {
        CustomResourceDefinition crd = load(client, TemplateFiles.projectDir().resolve("manifests/stack-agent.dev_stacks.yaml"));
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(r -> r.update());
    }

    private static Optional<Path> kserveCrd() {
        return TemplateFiles.sharedDir()
                .map(d -> d.resolve("crds/kserve-v0.16.0-v1alpha1-only/serving.kserve.io_llminferenceservices.yaml"))
                .filter(Files::isRegularFile);
    }

    private static CustomResourceDefinition load(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static CustomResourceDefinition minimalLlmInferenceService() {
        return minimal("serving.kserve.io", "LLMInferenceService", "llminferenceservices", "v1alpha1");
    }

    static CustomResourceDefinition minimal(String group, String kind, String plural, String version) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).endNames()
                .addNewVersion().withName(version).withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .endVersion()
                .endSpec().build();
    }
}
