package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

@EnableKubernetesMockClient(crud = true)
class LeadershipTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    KubernetesClient client;

    private final List<Leadership> instances = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();

    @AfterEach
    void closeAll() {
        instances.forEach(Leadership::close);
    }

    private Leadership instance(String identity) {
        Leadership l = new Leadership(client, new Leadership.Settings(true, "stack-agent", "stack-agent-leader", identity,
                LEASE, Duration.ofSeconds(2), Duration.ofMillis(200)), started::incrementAndGet, stopped::incrementAndGet);
        instances.add(l);
        return l;
    }

    private Lease lease() {
        return client.leases().inNamespace("stack-agent").withName("stack-agent-leader").get();
    }

    @Test
    void exactlyOneOfTwoLeadsAndTheOtherTakesOverWhenItStops() {
        Leadership a = instance("agent-a");
        Leadership b = instance("agent-b");
        a.start();
        b.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> a.isLeader() ^ b.isLeader());
        Leadership leader = a.isLeader() ? a : b;
        Leadership follower = leader == a ? b : a;
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.identity());
        assertThat(follower.currentLeader()).contains(leader.identity());

        leader.close();
        assertThat(leader.isLeader()).isFalse();
        await().atMost(Duration.ofSeconds(1)).until(follower::isLeader);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(follower.identity());
        assertThat(started).hasValue(2);
        assertThat(stopped).hasValue(1);
    }

    @Test
    void closingReleasesTheLease() {
        Leadership only = instance("agent-a");
        only.start();
        await().atMost(Duration.ofSeconds(10)).until(only::isLeader);
        only.close();
        assertThat(lease().getSpec().getHolderIdentity()).isNullOrEmpty();
        assertThat(stopped).hasValue(1);
    }

    @Test
    void aDeadLeadersLeaseIsTakenOverOnlyAfterItExpires() {
        client.leases().inNamespace("stack-agent").resource(new LeaseBuilder()
                .withNewMetadata().withName("stack-agent-leader").withNamespace("stack-agent").endMetadata()
                .withNewSpec().withHolderIdentity("dead-pod").withLeaseDurationSeconds((int) LEASE.toSeconds())
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build()).create();
        Leadership survivor = instance("agent-b");
        survivor.start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !survivor.isLeader());
        assertThat(survivor.currentLeader()).contains("dead-pod");
        await().atMost(LEASE.plusSeconds(2)).until(survivor::isLeader);
    }

    @Test
    void aLeaderThatLosesTheLeaseStopsLeadingAndCompetesAgain() {
        Leadership a = instance("agent-a");
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        client.leases().inNamespace("stack-agent").withName("stack-agent-leader").edit(l -> {
            l.getSpec().setHolderIdentity("intruder");
            l.getSpec().setRenewTime(ZonedDateTime.now());
            return l;
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> !a.isLeader());
        assertThat(stopped).hasValue(1);
        await().atMost(LEASE.plusSeconds(2)).until(a::isLeader);
        assertThat(started).hasValue(2);
    }

    @Test
    void disabledElectionLeadsAtOnce() {
        Leadership solo = new Leadership(client, new Leadership.Settings(false, "stack-agent", "stack-agent-leader", "solo",
                LEASE, Duration.ofSeconds(2), Duration.ofMillis(200)), started::incrementAndGet, stopped::incrementAndGet);
        solo.start();
        assertThat(solo.isLeader()).isTrue();
        assertThat(lease()).isNull();
        solo.close();
        assertThat(solo.isLeader()).isFalse();
    }

    @Test
    void defaultIdentityIsUniquePerInstance() {
        assertThat(Leadership.defaultIdentity(Optional.empty())).isNotEqualTo(Leadership.defaultIdentity(Optional.empty()));
    }

    @Test
    void defaultIdentityStartsWithThePodName() {
        assertThat(Leadership.defaultIdentity(Optional.of("stack-agent-7d9f-x2"))).matches("stack-agent-7d9f-x2-[0-9a-f]{6}");
        assertThat(Leadership.defaultIdentity(Optional.of(" "))).doesNotStartWith(" ");
    }
}
