package dev.stackagent.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.template.TemplateFiles;

/**
 * The rendered manifests of {@code deploy/}: through {@code kubectl kustomize} when a kubectl with
 * Kustomize v4 or later is on the PATH, otherwise through {@link KustomizeSubset}. Debian's
 * {@code kubernetes-client} (kubectl 1.20, Kustomize v2) knows neither {@code labels} nor
 * {@code patches} with a target, so CI does not install it; the Google Cloud SDK's kubectl (1.32,
 * Kustomize v5) on the build machine is used when present.
 */
final class Manifests {

    record Rendered(String renderer, List<ObjectNode> objects) {
        List<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        }

        ObjectNode one(String kind, String name) {
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
        }
    }

    static final boolean KUSTOMIZE_V4_OR_LATER = kustomizeMajorVersion() >= 4;

    private Manifests() {
    }

    /** The major version of kubectl's built-in Kustomize, or 0 without kubectl. */
    private static int kustomizeMajorVersion() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            var m = java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static Path dir(String relative) {
        return TemplateFiles.projectDir().resolve(relative);
    }

    static Rendered render(String relative) {
        Optional<List<ObjectNode>> real = kubectlKustomize(dir(relative));
        return real.map(o -> new Rendered("kubectl kustomize", o))
                .orElseGet(() -> new Rendered("KustomizeSubset", KustomizeSubset.render(dir(relative))));
    }

    /** {@code kubectl kustomize DIR}, or empty when kubectl is not installed. A failed render fails the test. */
    static Optional<List<ObjectNode>> kubectlKustomize(Path dir) {
        if (!KUSTOMIZE_V4_OR_LATER) {
            return Optional.empty();
        }
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            List<JsonNode> docs = KustomizeSubset.parse(out);
            return Optional.of(docs.stream().map(d -> (ObjectNode) d).toList());
        } catch (IOException e) {
            throw new AssertionError("cannot read kubectl output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
