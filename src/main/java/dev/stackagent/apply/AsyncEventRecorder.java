package dev.stackagent.apply;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.stackagent.desired.ObjectRef;

/**
 * Records Events off the sync's path: Events are best effort (a lost one never changes what is
 * applied), so a sync does not wait for one write per changed object. A bounded queue drops Events
 * (with a debug line) rather than letting a slow API server build up memory.
 */
public final class AsyncEventRecorder implements EventRecorder, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AsyncEventRecorder.class);

    private final EventRecorder delegate;
    private final ExecutorService executor;

    public AsyncEventRecorder(EventRecorder delegate, int capacity) {
        this.delegate = delegate;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "stack-agent-events");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void record(String stack, ObjectRef ref, String reason, String message) {
        try {
            executor.execute(() -> delegate.record(stack, ref, reason, message));
        } catch (RejectedExecutionException e) {
            LOG.debugf("event queue full: dropped %s event on %s", reason, ref);
        }
    }

    /** Waits up to {@code millis} for queued Events to be written. */
    public boolean flush(long millis) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
