package dev.stackagent.e2e;

import java.util.HashMap;
import java.util.Map;

/** The config repo and fake GKE of {@link ConfigRepoServer}, with webhooks on and polling slowed down so only events drive the agent. */
public class EventDrivenServer extends ConfigRepoServer {
    static final String WEBHOOK_SECRET = "e2e-webhook-secret-value";
    static final String API_TOKEN = "e2e-api-token-value";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("stack-agent.webhook.github.secret", WEBHOOK_SECRET);
        config.put("stack-agent.api.token", API_TOKEN);
        config.put("stack-agent.git.poll-interval", "1h");
        config.put("stack-agent.resync-interval", "1h");
        config.put("stack-agent.gke.poll-interval", "1h");
        config.put("stack-agent.queue.debounce", "100ms");
        return config;
    }
}
