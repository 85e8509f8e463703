package dev.stackagent.triggers;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a push payload the agent looks at: every way the payload names its repository (clone
 * URLs, web URL, {@code owner/name}) and the pushed ref.
 */
public record PushEvent(List<String> repositoryIds, String ref) {

    /** GitHub, Gitea, Forgejo and Gogs: {@code repository.clone_url/ssh_url/html_url/full_name}, {@code ref}. */
    public static PushEvent fromGitHubShape(JsonNode root) {
        return new PushEvent(texts(root.path("repository"), "clone_url", "ssh_url", "html_url", "git_url", "full_name"),
                root.path("ref").asText(""));
    }

    /** GitLab: {@code project.git_http_url/git_ssh_url/web_url/path_with_namespace}, {@code ref}. */
    public static PushEvent fromGitLab(JsonNode root) {
        List<String> ids = texts(root.path("project"), "git_http_url", "git_ssh_url", "web_url", "path_with_namespace");
        ids.addAll(texts(root.path("repository"), "git_http_url", "git_ssh_url", "homepage"));
        return new PushEvent(ids, root.path("ref").asText(""));
    }

    private static List<String> texts(JsonNode node, String... fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isTextual() && !v.asText().isBlank()) out.add(v.asText());
        }
        return out;
    }
}
