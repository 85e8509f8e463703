package dev.stackagent.gke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.stackagent.desired.ClusterRef;
import dev.stackagent.policy.Policy;

/** The GKE client is built by the first call that talks to GKE, once; a failed build is tried again. */
class LazyNodePoolsTest {
    static final ClusterRef CLUSTER = new ClusterRef("p", "europe-west4-a", "c");

    @Test
    void nothingIsBuiltUntilACallNeedsGkeThenOnlyOnce() {
        AtomicInteger builds = new AtomicInteger();
        LazyNodePools pools = new LazyNodePools(Policy.defaults(), () -> {
            builds.incrementAndGet();
            return NodePools.notManaged();
        });

        assertThat(pools.managed()).isTrue();
        assertThat(pools.policy()).isEqualTo(Policy.defaults());
        assertThat(pools.currentWait()).isEmpty();
        assertThat(builds).as("managed, policy and currentWait need no client").hasValue(0);

        pools.read(CLUSTER);
        pools.plan(CLUSTER, "s", List.of());
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuildFailsTheCallAndIsTriedAgain() {
        AtomicInteger builds = new AtomicInteger();
        LazyNodePools pools = new LazyNodePools(Policy.defaults(), () -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("cannot create the GKE client for GKE's default endpoint");
            }
            return NodePools.notManaged();
        });

        assertThatThrownBy(() -> pools.read(CLUSTER)).hasMessageContaining("cannot create the GKE client");
        assertThat(pools.read(CLUSTER).pools()).isEmpty();
        assertThat(builds).hasValue(2);
    }
}
