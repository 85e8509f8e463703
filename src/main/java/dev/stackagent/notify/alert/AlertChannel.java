package dev.stackagent.notify.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stackagent.notify.delivery.SecretFile;

/**
 * A destination the platform team configured: a Slack incoming webhook ({@code {"text": ...}} with a
 * coloured attachment) or a generic JSON webhook (the {@link Alert}'s fields). The URL is a secret,
 * read from {@code urlFile} when a message is sent.
 */
public record AlertChannel(String name, Type type, String urlFile) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Type {
        SLACK("slack"), WEBHOOK("webhook");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Type named(String s) {
            for (Type t : values()) {
                if (t.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("alert channel type " + s + " is not slack or webhook");
        }
    }

    public HttpRequest request(Alert a) throws IOException {
        String url = SecretFile.read(urlFile);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("the URL in " + urlFile + " is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("the URL in " + urlFile + " is not http(s)");
        }
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("User-Agent", "stack-agent").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body(a)))).build();
    }

    Map<String, Object> body(Alert a) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (type == Type.SLACK) {
            out.put("text", slackText(a));
            out.put("attachments", List.of(Map.of("color", a.firing() ? "danger" : "good", "text", slackEscape(a.message()),
                    "footer", "stack-agent " + (a.revision() == null ? "" : "at " + shortRev(a.revision())))));
            return out;
        }
        out.put("stack", a.stack());
        out.put("cluster", a.cluster());
        out.put("kind", a.kind().name());
        out.put("reason", a.reason());
        out.put("severity", a.severity());
        out.put("state", a.state());
        out.put("message", a.message());
        out.put("revision", a.revision());
        out.put("timestamp", a.at().toString());
        return out;
    }

    static String slackText(Alert a) {
        String who = a.stack().isEmpty() ? "stack-agent on " + a.cluster() : "stack " + a.stack() + " on " + a.cluster();
        return (a.firing() ? ":warning: [FIRING] " : ":white_check_mark: [RESOLVED] ") + slackEscape(who) + ": " + a.kind();
    }

    /** Slack's control characters (&, <, >) escaped, so a message cannot mention channels or forge links. */
    static String slackEscape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortRev(String rev) {
        return rev.length() > 12 ? rev.substring(0, 12) : rev;
    }
}
