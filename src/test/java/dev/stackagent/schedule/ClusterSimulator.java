package dev.stackagent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.stackagent.gke.FakeClusterManager;
import dev.stackagent.testing.MutableClock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the parts of the cluster the agent does not: GKE's nodes appearing as Kubernetes Nodes, the
 * cluster autoscaler, and KServe running the model pod on a TPU node and reporting Ready after a
 * cold start. Time comes from the test's clock.
 */
final class ClusterSimulator {
    static final String POOL = "tpu-v6e-pool";
    static final Duration COLD_START = Duration.ofMinutes(13);
    static final Duration SCALE_DOWN_DELAY = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final FakeClusterManager gke;
    private final MutableClock clock;
    private final String namespace;
    private final String service;
    private Instant podStartedAt;
    private Instant unneededSince;

    ClusterSimulator(KubernetesClient client, FakeClusterManager gke, MutableClock clock, String namespace, String service) {
        this.client = client;
        this.gke = gke;
        this.clock = clock;
        this.namespace = namespace;
        this.service = service;
    }

    /** One round of everything the cluster does by itself. */
    void step() {
        GenericKubernetesResource svc = llmisvc();
        Object r = svc == null ? 0 : ((Map<?, ?>) svc.getAdditionalProperties().get("spec")).get("replicas");
        int replicas = r == null ? 1 : ((Number) r).intValue();
        autoscale(replicas);
        mirrorNodes();
        kserve(svc, replicas);
    }

    private void autoscale(int replicas) {
        if (gke.pool(POOL) == null) return;
        var a = gke.pool(POOL).getAutoscaling();
        if (!a.getEnabled()) return;
        int want = Math.max(a.getMinNodeCount(), Math.min(replicas, a.getMaxNodeCount()));
        int have = gke.nodeCount(POOL);
        if (want == have) {
            unneededSince = null;
        } else if (want > have) {
            gke.setNodeCount(POOL, want); // scale-up: a pending pod gets a node
            unneededSince = null;
        } else if (want < have) {
            // the cluster autoscaler removes unneeded nodes only after ~10 minutes (the seed waited for this)
            if (unneededSince == null) unneededSince = clock.instant();
            if (!clock.instant().isBefore(unneededSince.plus(SCALE_DOWN_DELAY))) {
                gke.setNodeCount(POOL, want);
                unneededSince = null;
            }
        }
    }

    private void mirrorNodes() {
        int want = gke.pool(POOL) == null ? 0 : gke.nodeCount(POOL);
        List<String> have = client.nodes().withLabel("cloud.google.com/gke-nodepool", POOL).list().getItems().stream()
                .map(n -> n.getMetadata().getName()).sorted().toList();
        for (int i = have.size(); i < want; i++) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("gke-tpu-" + i)
                    .addToLabels("cloud.google.com/gke-nodepool", POOL)
                    .addToLabels("cloud.google.com/gke-tpu-accelerator", "tpu-v6e-slice")
                    .addToLabels("cloud.google.com/gke-tpu-topology", "2x2").endMetadata()
                    .withNewSpec().addNewTaint().withKey("google.com/tpu").withValue("present").withEffect("NoSchedule").endTaint().endSpec()
                    .withNewStatus().addToCapacity("google.com/tpu", new Quantity("4")).addToAllocatable("google.com/tpu", new Quantity("4"))
                    .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(clock.instant().toString()).endCondition()
                    .endStatus().build()).create();
        }
        for (int i = want; i < have.size(); i++) {
            String node = have.get(i);
            client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> node.equals(p.getSpec().getNodeName())).forEach(p -> client.resource(p).delete());
            client.nodes().withName(node).delete();
        }
    }

    private void kserve(GenericKubernetesResource svc, int replicas) {
        if (svc == null) return;
        boolean nodeUp = !client.nodes().withLabel("cloud.google.com/gke-nodepool", POOL).list().getItems().isEmpty();
        var pod = client.pods().inNamespace(namespace).withName(service + "-0");
        if (replicas > 0 && nodeUp) {
            if (pod.get() == null) {
                pod.create(new PodBuilder().withNewMetadata().withName(service + "-0").withNamespace(namespace)
                        .addToLabels("app.kubernetes.io/name", service).endMetadata()
                        .withNewSpec().withNodeName("gke-tpu-0").addNewContainer().withName("main").withImage("vllm").endContainer().endSpec()
                        .withNewStatus().withPhase("Running").endStatus().build());
                podStartedAt = clock.instant();
            }
        } else if (pod.get() != null) {
            pod.delete();
            podStartedAt = null;
        }
        boolean ready = podStartedAt != null && !clock.instant().isBefore(podStartedAt.plus(COLD_START));
        setReady(svc, ready);
    }

    private void setReady(GenericKubernetesResource svc, boolean ready) {
        Object status = svc.getAdditionalProperties().get("status");
        String now = clock.instant().toString();
        Map<String, Object> want = Map.of("conditions", List.of(Map.of("type", "Ready", "status", ready ? "True" : "False",
                "lastTransitionTime", now, "reason", ready ? "Ready" : "ModelLoading")));
        if (status instanceof Map<?, ?> m && m.get("conditions") instanceof List<?> l && !l.isEmpty()
                && ((Map<?, ?>) l.get(0)).get("status").equals(ready ? "True" : "False")) {
            return;
        }
        svc.setAdditionalProperty("status", want);
        client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(namespace)
                .resource(svc).updateStatus();
    }

    GenericKubernetesResource llmisvc() {
        return client.genericKubernetesResources("serving.kserve.io/v1alpha1", "LLMInferenceService").inNamespace(namespace)
                .withName(service).get();
    }

    boolean ready() {
        GenericKubernetesResource svc = llmisvc();
        return svc != null && svc.getAdditionalProperties().get("status") instanceof Map<?, ?> m
                && m.get("conditions") instanceof List<?> l && !l.isEmpty() && "True".equals(((Map<?, ?>) l.get(0)).get("status"));
    }
}
