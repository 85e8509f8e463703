package dev.stackagent.triggers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The agent's one work queue. Keys are stack names plus {@link #GIT_FETCH}.
 * <ul>
 * <li>Requests for a key coalesce while it waits: a key is queued at most once.</li>
 * <li>A key runs on at most one worker at a time; a request that arrives while it runs makes it run
 * once more afterwards (however many requests arrived).</li>
 * <li>At most {@link WorkQueueOptions#parallelism()} keys run at once.</li>
 * <li>A failed run is retried after an exponential backoff with full jitter ({@link Backoff}); a
 * request that arrived during the failed run waits for that retry (so events caused by a failing
 * run cannot spin it). A later immediate request (a webhook, a resync) does not wait for the
 * backoff, but the failure count is kept until the key succeeds.</li>
 * <li>Delayed requests ({@link #enqueueAfter}, {@link #enqueueDebounced}) keep the earliest due time,
 * so a burst of watch events runs the key once, one debounce window after the first event.</li>
 * </ul>
 * Time comes from the given {@link Clock} and {@link ScheduledExecutorService}, so tests drive it.
 */
public final class WorkQueue {
    /** The key for "fetch the Git source"; never a valid stack name (stack names are DNS labels). */
    public static final String GIT_FETCH = "@git-fetch";

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    private final WorkHandler handler;
    private final WorkQueueOptions options;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final DoubleSupplier random;
    private final boolean ownsExecutors;

    // guarded by this
    private final LinkedHashSet<String> ready = new LinkedHashSet<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> requestedWhileRunning = new HashSet<>();
    private final Map<String, Delayed> delayed = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private boolean accepting = true;

    /**
     * @param scheduler runs delayed requests
     * @param workers runs the handler; needs at least {@code parallelism} threads to reach it
     * @param random uniform in {@code [0, 1)}, for the backoff jitter
     */
    public WorkQueue(WorkHandler handler, WorkQueueOptions options, Clock clock, ScheduledExecutorService scheduler,
            ExecutorService workers, DoubleSupplier random) {
        this(handler, options, clock, scheduler, workers, random, false);
    }

    private WorkQueue(WorkHandler handler, WorkQueueOptions options, Clock clock, ScheduledExecutorService scheduler,
            ExecutorService workers, DoubleSupplier random, boolean ownsExecutors) {
        this.handler = handler;
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
        this.random = random;
        this.ownsExecutors = ownsExecutors;
    }

    /** A queue with its own worker threads and timer, on the system clock; {@link #shutdown} stops them. */
    public static WorkQueue create(WorkHandler handler, WorkQueueOptions options) {
        return new WorkQueue(handler, options, Clock.systemUTC(),
                Executors.newSingleThreadScheduledExecutor(daemon("stack-agent-queue-timer")),
                Executors.newFixedThreadPool(options.parallelism(), daemon("stack-agent-worker")),
                () -> ThreadLocalRandom.current().nextDouble(), true);
    }

    /** Run {@code key} as soon as a worker is free (coalesced with any waiting request for it). */
    public void enqueue(String key) {
        List<String> start;
        synchronized (this) {
            if (!accepting) return;
            cancelDelayed(key);
            if (running.contains(key)) {
                requestedWhileRunning.add(key);
                return;
            }
            ready.add(key);
            start = takeStartable();
        }
        start(start);
    }

    /** Enqueue every key. */
    public void enqueueAll(Collection<String> keys) {
        keys.forEach(this::enqueue);
    }

    /** Run {@code key} after the debounce window; further requests within the window join this one. */
    public void enqueueDebounced(String key) {
        enqueueAfter(key, options.debounce());
    }

    /** Run {@code key} after {@code delay}, unless it is already due sooner. */
    public void enqueueAfter(String key, Duration delay) {
        synchronized (this) {
            if (!accepting || ready.contains(key)) return;
            delayLocked(key, delay);
        }
    }

    /** Keys waiting to run, now or later (not counting the ones running). */
    public synchronized int depth() {
        Set<String> waiting = new HashSet<>(ready);
        waiting.addAll(delayed.keySet());
        waiting.addAll(requestedWhileRunning);
        return waiting.size();
    }

    /** Keys running now. */
    public synchronized int inFlight() {
        return running.size();
    }

    /** Consecutive failures of {@code key} since its last success. */
    public synchronized int failures(String key) {
        return failures.getOrDefault(key, 0);
    }

    /** Registers {@code stack_agent.queue.depth} and {@code stack_agent.queue.in_flight}. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("stack_agent.queue.depth", this, WorkQueue::depth)
                .description("Keys (stacks, git fetch) waiting in the work queue").register(registry);
        Gauge.builder("stack_agent.queue.in_flight", this, WorkQueue::inFlight)
                .description("Keys being worked on").register(registry);
    }

    /**
     * Stops accepting requests, drops waiting ones (the next start resyncs everything) and waits up to
     * {@code grace} for running work to finish.
     *
     * @return true when nothing was running any more at the end
     */
    public boolean shutdown(Duration grace) {
        int dropped;
        synchronized (this) {
            accepting = false;
            delayed.values().forEach(d -> d.future.cancel(false));
            dropped = depth();
            delayed.clear();
            ready.clear();
            requestedWhileRunning.clear();
        }
        boolean finished = awaitIdle(grace);
        LOG.infof("work queue stopped: dropped %d waiting key(s), running work %s", dropped,
                finished ? "finished" : "still running after " + grace);
        if (ownsExecutors) {
            scheduler.shutdownNow();
            if (finished) workers.shutdown();
            else workers.shutdownNow();
        }
        return finished;
    }

    private synchronized boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) return false;
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running.isEmpty();
            }
        }
        return true;
    }

    private void run(String key) {
        Outcome outcome = Outcome.failure("handler did not complete");
        try {
            Outcome o = handler.handle(key);
            outcome = o == null ? Outcome.success() : o;
        } catch (RuntimeException e) {
            outcome = Outcome.failure(e.toString());
        } finally {
            finish(key, outcome);
        }
    }

    private void finish(String key, Outcome outcome) {
        List<String> start;
        synchronized (this) {
            running.remove(key);
            boolean again = requestedWhileRunning.remove(key);
            if (accepting) {
                switch (outcome.kind()) {
                    case SUCCESS -> {
                        failures.remove(key);
                        if (again) ready.add(key);
                    }
                    case FAILURE -> {
                        int n = failures.merge(key, 1, Integer::sum);
                        Duration wait = options.backoff().delay(n, random.getAsDouble());
                        LOG.warnf("work %s failed (%d in a row), retry in %d ms: %s", key, n, wait.toMillis(), outcome.reason());
                        delayLocked(key, wait);
                    }
                    case RETRY_AFTER -> delayLocked(key, outcome.retryAfter());
                }
            }
            start = takeStartable();
            notifyAll();
        }
        start(start);
    }

    private List<String> takeStartable() {
        List<String> start = new ArrayList<>();
        Iterator<String> it = ready.iterator();
        while (accepting && running.size() < options.parallelism() && it.hasNext()) {
            String key = it.next();
            it.remove();
            running.add(key);
            start.add(key);
        }
        return start;
    }

    private void start(List<String> keys) {
        for (String key : keys) {
            try {
                workers.execute(() -> run(key));
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    running.remove(key);
                    notifyAll();
                }
            }
        }
    }

    private void delayLocked(String key, Duration delay) {
        Instant due = clock.instant().plus(delay);
        Delayed current = delayed.get(key);
        if (current != null) {
            if (!current.due.isAfter(due)) return;
            current.future.cancel(false);
        }
        Delayed next = new Delayed(due);
        delayed.put(key, next);
        next.future = scheduler.schedule(() -> fire(key, next), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(String key, Delayed which) {
        synchronized (this) {
            if (delayed.get(key) != which) return;
            delayed.remove(key);
        }
        enqueue(key);
    }

    private void cancelDelayed(String key) {
        Delayed d = delayed.remove(key);
        if (d != null) d.future.cancel(false);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Delayed {
        final Instant due;
        ScheduledFuture<?> future;

        Delayed(Instant due) {
            this.due = due;
        }
    }
}
