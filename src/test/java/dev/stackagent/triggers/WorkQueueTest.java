package dev.stackagent.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class WorkQueueTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ManualScheduler time = new ManualScheduler();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private WorkQueue queue(WorkHandler handler, int parallelism, ExecutorService workers) {
        WorkQueueOptions options = new WorkQueueOptions(parallelism,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofMillis(500));
        return new WorkQueue(handler, options, time.clock, time, workers, () -> 0.999999);
    }

    /** A handler that records runs and blocks every run until {@link #release} opens. */
    private final class Blocking implements WorkHandler {
        final List<String> runs = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final AtomicInteger maxPerKey = new AtomicInteger();

        @Override
        public Outcome handle(String key) {
            runs.add(key);
            int perKey = active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            maxPerKey.accumulateAndGet(perKey, Math::max);
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
                active.get(key).decrementAndGet();
            }
            return Outcome.success();
        }
    }

    private static void awaitIdle(WorkQueue q) {
        await().atMost(DEADLINE).until(() -> q.inFlight() == 0 && q.depth() == 0);
    }

    @Test
    void hundredRequestsWhileRunningLeadToExactlyOneMoreRun() {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 4, pool);
        q.enqueue("llm");
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 1);
        for (int i = 0; i < 100; i++) q.enqueue("llm");
        assertThat(q.depth()).isEqualTo(1);
        release.countDown();
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 2);
        awaitIdle(q);
        assertThat(handler.runs).containsExactly("llm", "llm");
    }

    @Test
    void requestsForAWaitingKeyCoalesce() {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 1, pool);
        q.enqueue("busy");
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 1);
        for (int i = 0; i < 100; i++) q.enqueue("waiting");
        assertThat(q.depth()).isEqualTo(1);
        release.countDown();
        awaitIdle(q);
        assertThat(handler.runs).containsExactly("busy", "waiting");
    }

    @Test
    void aKeyNeverRunsTwiceAtOnce() throws InterruptedException {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            for (int i = 0; i < 1000; i++) Thread.yield();
            runs.incrementAndGet();
            active.decrementAndGet();
            return Outcome.success();
        }, 4, pool);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            callers.execute(() -> {
                for (int i = 0; i < 500; i++) q.enqueue("same");
                done.countDown();
            });
        }
        assertThat(done.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        callers.shutdown();
        awaitIdle(q);
        assertThat(maxActive.get()).isEqualTo(1);
        assertThat(runs.get()).isBetween(1, 2000);
    }

    @Test
    void parallelismIsBounded() {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 2, pool);
        List.of("a", "b", "c", "d", "e").forEach(q::enqueue);
        await().atMost(DEADLINE).until(() -> q.inFlight() == 2);
        assertThat(handler.runs).hasSize(2);
        assertThat(q.depth()).isEqualTo(3);
        release.countDown();
        awaitIdle(q);
        assertThat(handler.runs).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(handler.maxConcurrent.get()).isEqualTo(2);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> {
            runs.incrementAndGet();
            return Outcome.failure("boom");
        }, 1, time);
        q.enqueue("llm");
        for (int i = 0; i < 6; i++) {
            Duration last = time.scheduledDelays.get(time.scheduledDelays.size() - 1);
            time.advance(last.minusMillis(1));
            assertThat(runs.get()).as("not before the backoff").isEqualTo(i + 1);
            time.advance(Duration.ofMillis(1));
            assertThat(runs.get()).isEqualTo(i + 2);
        }
        assertThat(time.scheduledDelays).extracting(Duration::toMillis)
                .containsExactly(999L, 1999L, 3999L, 7999L, 7999L, 7999L, 7999L);
        assertThat(q.failures("llm")).isEqualTo(7);
    }

    @Test
    void successResetsTheFailureCount() {
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> runs.incrementAndGet() <= 2 ? Outcome.failure("boom") : Outcome.success(), 1, time);
        q.enqueue("llm");
        time.advance(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(2));
        assertThat(runs.get()).isEqualTo(3);
        assertThat(q.failures("llm")).isZero();
        assertThat(q.depth()).isZero();
    }

    @Test
    void anImmediateRequestDoesNotWaitForTheBackoff() {
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> runs.incrementAndGet() == 1 ? Outcome.failure("boom") : Outcome.success(), 1, time);
        q.enqueue("llm");
        assertThat(q.depth()).isEqualTo(1);
        q.enqueue("llm");
        assertThat(runs.get()).isEqualTo(2);
        assertThat(q.depth()).isZero();
        assertThat(time.pending()).isZero();
    }

    @Test
    void retryAfterIsHonoured() {
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> runs.incrementAndGet() == 1 ? Outcome.retryAfter(Duration.ofSeconds(30), "gke op") : Outcome.success(),
                1, time);
        q.enqueue("llm");
        time.advance(Duration.ofSeconds(29));
        assertThat(runs.get()).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aThrowingHandlerCountsAsFailure() {
        AtomicInteger runs = new AtomicInteger();
        WorkQueue q = queue(key -> {
            if (runs.incrementAndGet() == 1) throw new IllegalStateException("boom");
            return Outcome.success();
        }, 1, time);
        q.enqueue("llm");
        assertThat(q.failures("llm")).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void watchEventsWithinTheDebounceWindowRunOnce() {
        List<String> runs = new ArrayList<>();
        WorkQueue q = queue(key -> {
            runs.add(key);
            return Outcome.success();
        }, 1, time);
        for (int i = 0; i < 10; i++) {
            q.enqueueDebounced("llm");
            time.advance(Duration.ofMillis(40));
        }
        assertThat(runs).isEmpty();
        time.advance(Duration.ofMillis(100));
        assertThat(runs).containsExactly("llm");
        time.advance(Duration.ofSeconds(5));
        assertThat(runs).containsExactly("llm");
    }

    @Test
    void depthIsAGauge() {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 1, pool);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        q.bindMetrics(registry);
        q.enqueue("a");
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 1);
        q.enqueue("b");
        q.enqueueAfter("c", Duration.ofMinutes(1));
        assertThat(registry.get("stack_agent.queue.depth").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("stack_agent.queue.in_flight").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void shutdownLetsRunningWorkFinishAndStopsAccepting() throws Exception {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 2, pool);
        q.enqueue("running");
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 1);
        q.enqueue("running");
        q.enqueueAfter("later", Duration.ofSeconds(1));
        var result = Executors.newSingleThreadExecutor().submit(() -> q.shutdown(DEADLINE));
        await().atMost(DEADLINE).until(() -> q.depth() == 0);
        assertThat(result.isDone()).as("waits for the running work").isFalse();
        release.countDown();
        assertThat(result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        q.enqueue("new");
        time.advance(Duration.ofSeconds(2));
        assertThat(handler.runs).containsExactly("running");
    }

    @Test
    void shutdownReportsWorkStillRunningAfterTheGrace() {
        Blocking handler = new Blocking();
        WorkQueue q = queue(handler, 1, pool);
        q.enqueue("stuck");
        await().atMost(DEADLINE).until(() -> handler.runs.size() == 1);
        assertThat(q.shutdown(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aRequestDuringAFailingRunWaitsForTheRetry() {
        List<String> runs = new ArrayList<>();
        WorkQueue[] self = new WorkQueue[1];
        self[0] = queue(key -> {
            runs.add(key);
            if (runs.size() == 1) {
                self[0].enqueue(key); // e.g. an event caused by this very run
                return Outcome.failure("boom");
            }
            return Outcome.success();
        }, 1, time);
        self[0].enqueue("llm");
        assertThat(runs).hasSize(1);
        time.advance(Duration.ofMillis(998));
        assertThat(runs).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(runs).hasSize(2);
    }

    @Test
    void aRequestDuringASuccessfulRunRunsItAgainAtOnce() {
        List<String> runs = new ArrayList<>();
        WorkQueue[] self = new WorkQueue[1];
        self[0] = queue(key -> {
            runs.add(key);
            if (runs.size() == 1) self[0].enqueue(key);
            return Outcome.success();
        }, 1, time);
        self[0].enqueue("llm");
        assertThat(runs).hasSize(2);
    }
}
