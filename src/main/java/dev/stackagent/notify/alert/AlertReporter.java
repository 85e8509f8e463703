package dev.stackagent.notify.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.stackagent.notify.delivery.Delivery;
import dev.stackagent.notify.delivery.NotificationMetrics;
import dev.stackagent.notify.delivery.NotificationMetrics.Result;

/**
 * Sends alerts to the channels a stack is routed to: once when a condition starts firing (repeats are
 * suppressed), once "resolved" when it clears, at most {@code maxPerMinute} per channel (more are
 * dropped and counted). A route naming a channel the platform team did not configure is ignored with
 * a warning: a committer can choose among destinations, never add one.
 */
public final class AlertReporter {
    private static final Logger LOG = Logger.getLogger(AlertReporter.class);

    private record Key(String stack, AlertKind kind) {
    }

    private final Map<String, AlertChannel> channels;
    private final Map<String, List<String>> routes;
    private final String cluster;
    private final int maxPerMinute;
    private final Clock clock;
    private final NotificationMetrics metrics;
    private final Consumer<Delivery> queue;
    private final Map<Key, Alert> firing = new HashMap<>();
    private final Map<String, Deque<Instant>> sent = new HashMap<>();
    private final Set<String> warned = new HashSet<>();
    private final Map<String, List<String>> chosen = new HashMap<>();

    public AlertReporter(Map<String, AlertChannel> channels, Map<String, List<String>> routes, String cluster, int maxPerMinute, Clock clock,
            NotificationMetrics metrics, Consumer<Delivery> queue) {
        this.channels = new LinkedHashMap<>(channels);
        this.routes = Map.copyOf(routes);
        this.cluster = cluster;
        this.maxPerMinute = Math.max(1, maxPerMinute);
        this.clock = clock;
        this.metrics = metrics;
        this.queue = queue;
    }

    public boolean enabled() {
        return !channels.isEmpty();
    }

    /** Sends {@code kind} for {@code stack} as firing with {@code message}, unless it already fires. */
    public synchronized void fire(String stack, AlertKind kind, String reason, String message, String revision) {
        Key key = new Key(stack, kind);
        if (firing.containsKey(key)) {
            return;
        }
        Alert a = new Alert(stack, cluster, kind, reason, message == null ? "" : message, revision, true, clock.instant());
        firing.put(key, a);
        send(a);
    }

    /** Sends "resolved" for {@code kind} of {@code stack} if it was firing. */
    public synchronized void resolve(String stack, AlertKind kind, String revision) {
        Alert was = firing.remove(new Key(stack, kind));
        if (was != null) {
            send(new Alert(stack, cluster, kind, was.reason(), "cleared: " + was.message(), revision == null ? was.revision() : revision, false,
                    clock.instant()));
        }
    }

    /** After a sync judged {@code judged}: those not in {@code now} resolve, then those in it fire. */
    public synchronized void judge(String stack, Set<AlertKind> judged, Map<AlertKind, AlertRules.Firing> now, String revision) {
        for (AlertKind k : judged) {
            if (!now.containsKey(k)) {
                resolve(stack, k, revision);
            }
        }
        for (AlertKind k : judged) {
            if (now.containsKey(k)) {
                fire(stack, k, now.get(k).reason(), now.get(k).message(), revision);
            }
        }
    }

    /** Every alert of {@code stack} resolved (it left Git or this cluster). */
    public synchronized void resolveAll(String stack, String revision) {
        for (Key k : List.copyOf(firing.keySet())) {
            if (k.stack().equals(stack)) {
                resolve(stack, k.kind(), revision);
            }
        }
    }

    /**
     * Routes {@code stack}'s alerts to {@code names}, as its {@code stack.yaml} chooses, instead of the
     * configured route; null or empty goes back to it. Names that are not configured channels are still ignored.
     */
    public synchronized void routeStack(String stack, List<String> names) {
        if (names == null || names.isEmpty()) {
            chosen.remove(stack);
        } else {
            chosen.put(stack, List.copyOf(names));
        }
    }

    public synchronized boolean isFiring(String stack, AlertKind kind) {
        return firing.containsKey(new Key(stack, kind));
    }

    /** The configured channels {@code stack} is routed to (every channel when it has no route). */
    synchronized List<AlertChannel> channelsFor(String stack) {
        List<String> names = chosen.getOrDefault(stack, routes.get(stack));
        if (names == null || stack.isEmpty()) {
            return List.copyOf(channels.values());
        }
        List<AlertChannel> out = new ArrayList<>();
        for (String n : names) {
            AlertChannel c = channels.get(n);
            if (c != null) {
                out.add(c);
            } else if (warned.add(stack + "/" + n)) {
                LOG.warnf("stack %s routes alerts to channel %s, which the platform team did not configure "
                        + "(stack-agent.notifications.alerts.channels.%s): ignored", stack, n, n);
            }
        }
        return out;
    }

    private void send(Alert a) {
        Instant now = clock.instant();
        for (AlertChannel c : channelsFor(a.stack())) {
            Deque<Instant> window = sent.computeIfAbsent(c.name(), k -> new ArrayDeque<>());
            while (!window.isEmpty() && Duration.between(window.peekFirst(), now).compareTo(Duration.ofMinutes(1)) >= 0) {
                window.pollFirst();
            }
            if (window.size() >= maxPerMinute) {
                metrics.count(c.type().id(), Result.dropped);
                LOG.warnf("alert channel %s: more than %d alerts a minute; dropped %s %s of %s", c.name(), maxPerMinute, a.state(), a.kind(),
                        a.stack().isEmpty() ? "the agent" : a.stack());
                continue;
            }
            window.addLast(now);
            String what = "alert " + a.state() + " " + a.kind() + (a.stack().isEmpty() ? "" : " of " + a.stack()) + " to channel " + c.name();
            queue.accept(new Delivery(c.type().id(), a.stack().isEmpty() ? null : a.stack(), what, () -> c.request(a), null));
        }
    }
}
