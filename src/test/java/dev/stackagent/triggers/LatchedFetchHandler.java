package dev.stackagent.triggers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** A fake fetch for {@link WebhookEndpointTest}: counts Git fetches, each one waits for {@link #gate}. */
@Alternative
@Singleton
public class LatchedFetchHandler implements WorkHandler {
    final AtomicInteger fetches = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public Outcome handle(String key) {
        if (!WorkQueue.GIT_FETCH.equals(key)) return Outcome.success();
        fetches.incrementAndGet();
        try {
            gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Outcome.success();
    }
}
