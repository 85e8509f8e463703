package dev.stackagent.notify.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.stackagent.notify.delivery.Delivery;
import dev.stackagent.notify.delivery.SecretFile;

/**
 * Posts a commit status per revision and stack (context {@code stack-agent/<cluster>/<stack>}) when
 * its state changes: the last state posted for each (sha, context) is remembered, and a re-sync with
 * the same outcome posts nothing. A delivery that finally fails is forgotten, so the next sync tries again.
 */
public final class CommitStatusReporter {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final int REMEMBERED = 4096;

    private final RepoLocation where;
    private final String tokenFile;
    private final String targetUrl;
    private final String cluster;
    private final Consumer<Delivery> queue;
    private final Map<String, StatusOutcome> posted = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StatusOutcome> eldest) {
            return size() > REMEMBERED;
        }
    };

    public CommitStatusReporter(RepoLocation where, String tokenFile, String targetUrl, String cluster, Consumer<Delivery> queue) {
        this.where = where;
        this.tokenFile = tokenFile;
        this.targetUrl = targetUrl;
        this.cluster = cluster;
        this.queue = queue;
    }

    public String context(String stack) {
        return "stack-agent/" + cluster + "/" + stack;
    }

    public RepoLocation where() {
        return where;
    }

    /** Posts {@code outcome} for {@code stack} at {@code sha} unless that state is already there; true when queued. */
    public boolean report(String stack, String sha, StatusOutcome outcome) {
        if (sha == null || !SHA.matcher(sha).matches() || stack == null || stack.isEmpty()) {
            return false;
        }
        String context = context(stack);
        String key = sha + " " + context;
        synchronized (posted) {
            StatusOutcome last = posted.get(key);
            if (last != null && last.state() == outcome.state()) {
                return false;
            }
            posted.put(key, outcome);
        }
        String what = "commit status " + where.provider().stateName(outcome.state()) + " for " + sha.substring(0, 7) + " " + context;
        queue.accept(new Delivery(where.provider().id(), stack, what,
                () -> where.provider().request(where.apiBase(), where.repository(), sha, outcome.state(), context, outcome.description(),
                        targetUrl, SecretFile.read(tokenFile)),
                () -> forget(key, outcome)));
        return true;
    }

    private void forget(String key, StatusOutcome outcome) {
        synchronized (posted) {
            posted.remove(key, outcome);
        }
    }
}
