package dev.stackagent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRD files as the schemas of custom resources: version-specific, several documents per file, directories read recursively. */
class CrdSchemasTest {
    static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size: {type: integer}
                - name: v2
                  served: true
                  storage: false
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            size: {type: string, enum: [S, M, L]}
            """;

    @Test
    void crdSchemasAreReadRecursivelyAndPerVersion(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("nested/deeper"));
        Files.writeString(dir.resolve("nested/deeper/widgets.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: skipped}\n---\n" + WIDGET_CRD);
        Files.writeString(dir.resolve("README.md"), "not a CRD");

        CrdSchemas schemas = CrdSchemas.fromDirectory(dir);

        assertThat(schemas.size()).isEqualTo(2);
        assertThat(schemas.find("example.com/v1", "Widget")).get().satisfies(s -> assertThat(s.origin())
                .isEqualTo("CRD widgets.example.com v1 (nested/deeper/widgets.yaml)"));
        assertThat(schemas.find("example.com/v3", "Widget")).isEmpty();
        assertThat(SchemaWalker.check(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                "{apiVersion: example.com/v2, kind: Widget, metadata: {name: w}, spec: {size: XL}}"),
                schemas.find("example.com/v2", "Widget").orElseThrow().root()))
                .extracting(p -> p.path() + ": " + p.message()).containsExactly("spec.size: 'XL' is not one of [S, M, L]");
    }

    @Test
    void aBrokenCrdFileIsAUsageErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "kind: [unclosed\n");

        assertThatThrownBy(() -> CrdSchemas.fromDirectory(dir)).isInstanceOf(IOException.class).hasMessageContaining("bad.yaml");
        assertThatThrownBy(() -> CrdSchemas.fromDirectory(dir.resolve("missing"))).hasMessageContaining("is not a directory");
    }

    @Test
    void bothKServeReleasesInOneDirectoryAreAcceptedEachForItsVersions() throws IOException {
        Path shared = Path.of("../shared/crds");
        assumeTrue(Files.isDirectory(shared.resolve("kserve-v0.20.0")), "../shared/crds is absent: KServe CRD test skipped");

        CrdSchemas schemas = CrdSchemas.fromDirectory(shared);

        assertThat(schemas.findAll("serving.kserve.io/v1alpha1", "LLMInferenceService")).as("v0.16 and v0.20 both define v1alpha1").hasSize(2);
        assertThat(schemas.findAll("serving.kserve.io/v1alpha2", "LLMInferenceService")).as("only v0.20 defines v1alpha2").hasSize(1);
        assertThat(schemas.find("gateway.networking.k8s.io/v1", "HTTPRoute")).isPresent();
    }
}
