package dev.stackagent.notify.status;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commit status APIs, each as documented: GitHub ({@code POST /repos/{owner}/{repo}/statuses/{sha}},
 * {@code Authorization: Bearer}), GitLab ({@code POST /api/v4/projects/{url-encoded path}/statuses/{sha}},
 * {@code PRIVATE-TOKEN}) and Gitea/Forgejo ({@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}},
 * {@code Authorization: token}).
 */
public enum Provider {
    GITHUB("github"),
    GITLAB("gitlab"),
    GITEA("gitea");

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** The name used in configuration and in the {@code provider} label of the metric. */
    public String id() {
        return id;
    }

    public static Optional<Provider> named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("forgejo")) {
            return Optional.of(GITEA);
        }
        for (Provider p : values()) {
            if (p.id.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The provider's name for {@code state}. */
    public String stateName(CommitState state) {
        if (this == GITLAB) {
            return switch (state) {
                case PENDING -> "pending";
                case SUCCESS -> "success";
                case FAILURE, ERROR -> "failed";
            };
        }
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The API's base URL for a repository on {@code host} (the public GitHub has its own API host). */
    public String defaultBase(String scheme, String host) {
        return switch (this) {
            case GITHUB -> host.equalsIgnoreCase("github.com") ? "https://api.github.com" : scheme + "://" + host + "/api/v3";
            case GITLAB, GITEA -> scheme + "://" + host;
        };
    }

    /** The request that posts one status; {@code targetUrl} may be null. */
    public HttpRequest request(String base, String repository, String sha, CommitState state, String context, String description,
            String targetUrl, String token) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Map<String, String> body = new LinkedHashMap<>();
        body.put("state", stateName(state));
        body.put(this == GITLAB ? "name" : "context", context);
        body.put("description", description);
        if (targetUrl != null && !targetUrl.isBlank()) {
            body.put("target_url", targetUrl);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder().timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("User-Agent", "stack-agent");
        String path = switch (this) {
            case GITHUB -> {
                r.header("Authorization", "Bearer " + token).header("Accept", "application/vnd.github+json")
                        .header("X-GitHub-Api-Version", "2022-11-28");
                yield "/repos/" + repository + "/statuses/" + sha;
            }
            case GITLAB -> {
                r.header("PRIVATE-TOKEN", token).header("Accept", "application/json");
                yield "/api/v4/projects/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/statuses/" + sha;
            }
            case GITEA -> {
                r.header("Authorization", "token " + token).header("Accept", "application/json");
                yield "/api/v1/repos/" + repository + "/statuses/" + sha;
            }
        };
        try {
            return r.uri(URI.create(b + path)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
