package dev.stackagent.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The committed CRD is what fabric8's CRD generator makes of the Java model, so the two never drift.
 * After changing the model, regenerate it with
 * {@code ./mvnw -B -q test -Dtest=StackCrdManifestTest -Dstack-agent.crd.write=true}.
 */
class StackCrdManifestTest {
    static final Path MANIFEST = Path.of("manifests/stack-agent.dev_stacks.yaml");

    @TempDir
    Path out;

    @Test
    void committedCrdIsWhatTheModelGenerates() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("stack-agent.crd.write")) {
            Files.writeString(MANIFEST, generated);
        }
        assertThat(MANIFEST).as("run with -Dstack-agent.crd.write=true to regenerate").exists();
        assertThat(Files.readString(MANIFEST)).as("%s differs from the model; regenerate it with -Dstack-agent.crd.write=true", MANIFEST)
                .isEqualTo(generated);
    }

    @Test
    void crdIsNamespacedWithStatusSubresourceAndThePrinterColumnsOnCallReads() throws IOException {
        CustomResourceDefinition crd = committed();
        assertThat(crd.getMetadata().getName()).isEqualTo(StackResource.CRD_NAME);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Stack");
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
        assertThat(v.getName()).isEqualTo("v1alpha1");
        assertThat(v.getSubresources().getStatus()).isNotNull();
        assertThat(v.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("REVISION", "SYNCED", "HEALTH", "STATE", "NEXT", "AGE", "MESSAGE");
        assertThat(v.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(".status.shortRevision", ".status.sync", ".status.health", ".status.scheduleState",
                        ".status.nextTransition", ".metadata.creationTimestamp", ".status.conditions[?(@.type==\"Ready\")].message");
        var status = v.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties();
        assertThat(status).containsKeys("observedGeneration", "suspended", "verification", "lastVerificationTime", "revision", "conditions", "inventory", "lastActions", "nextTransition", "scheduleState",
                "lastSyncTime", "lastError");
        assertThat(status.get("conditions").getItems().getSchema().getProperties())
                .containsKeys("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
        assertThat(v.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties().keySet())
                .containsExactlyInAnyOrderElementsOf(List.of("repoUrl", "path", "cluster"));
    }

    /** {@code kubectl get stk}, and MESSAGE and AGE columns that kubectl renders as text and as an age. */
    @Test
    void crdHasTheShortNameStkAndMessageAndAgeColumnsForKstatusConditions() throws IOException {
        CustomResourceDefinition crd = committed();
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("stk");
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
        assertThat(v.getAdditionalPrinterColumns()).filteredOn(c -> c.getName().equals("AGE")).singleElement()
                .satisfies(c -> assertThat(c.getType()).isEqualTo("date"));
        assertThat(v.getAdditionalPrinterColumns()).filteredOn(c -> c.getName().equals("MESSAGE")).singleElement()
                .satisfies(c -> assertThat(c.getType()).isEqualTo("string"));
        assertThat(v.getAdditionalPrinterColumns().get(v.getAdditionalPrinterColumns().size() - 1).getName())
                .as("the widest column last").isEqualTo("MESSAGE");
    }

    static CustomResourceDefinition committed() throws IOException {
        return Serialization.unmarshal(Files.readString(MANIFEST), CustomResourceDefinition.class);
    }

    /**
     * The generator's output with one change: the printer columns in the order the model declares
     * them (fabric8 sorts them by JSON path, fabric8io/kubernetes-client#7454; kubectl shows them in
     * the CRD's order).
     */
    private String generate() throws IOException {
        new CRDGenerator().customResourceClasses(StackResource.class).forCRDVersions("v1").inOutputDir(out.toFile()).generate();
        String generated;
        try (var files = Files.list(out)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            generated = Files.readString(all.get(0));
        }
        CustomResourceDefinition crd = Serialization.unmarshal(generated, CustomResourceDefinition.class);
        List<String> declared = Arrays.stream(StackResource.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(v.getAdditionalPrinterColumns());
            columns.sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
            v.setAdditionalPrinterColumns(columns);
        }
        String header = generated.lines().takeWhile(l -> l.startsWith("#")).map(l -> l + "\n").collect(Collectors.joining());
        return header + Serialization.asYaml(crd).replaceFirst("^---\n", "");
    }
}
