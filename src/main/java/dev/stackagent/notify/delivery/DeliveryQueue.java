package dev.stackagent.notify.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.stackagent.notify.delivery.NotificationMetrics.Result;

/**
 * A bounded queue in front of one sender thread, so a slow or unreachable provider never holds up a
 * sync: {@link #submit} returns at once; when the queue is full the oldest waiting delivery is
 * dropped and counted ({@code result="dropped"}). Deliveries are sent in the order submitted.
 */
public final class DeliveryQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    private final int capacity;
    private final NotificationMetrics metrics;
    private final Consumer<Delivery> sender;
    private final Deque<Delivery> waiting = new ArrayDeque<>();
    private Thread thread;
    private boolean closed;

    public DeliveryQueue(int capacity, NotificationMetrics metrics, Consumer<Delivery> sender) {
        this.capacity = Math.max(1, capacity);
        this.metrics = metrics;
        this.sender = sender;
    }

    /** Starts the sender thread (a daemon: it never keeps the agent from stopping). */
    public synchronized DeliveryQueue start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "stack-agent-notifications");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Queues {@code d}; never blocks. */
    public synchronized void submit(Delivery d) {
        if (closed) {
            return;
        }
        if (waiting.size() >= capacity) {
            Delivery dropped = waiting.pollFirst();
            metrics.count(dropped.provider(), Result.dropped);
            LOG.warnf("notification queue full (%d): dropped the oldest, %s to %s", capacity, dropped.what(), dropped.provider());
        }
        waiting.addLast(d);
        notifyAll();
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private void run() {
        while (true) {
            Delivery next;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = waiting.pollFirst();
            }
            try {
                sender.accept(next);
            } catch (RuntimeException e) {
                LOG.warnf("notification %s to %s failed: %s", next.what(), next.provider(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
