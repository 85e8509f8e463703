package dev.stackagent.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where the stack's desired state lives: a pointer into Git, never the desired state itself. */
@RegisterForReflection
public class StackSpec {
    @JsonPropertyDescription("URL of the config repository the stack is read from (no credentials)")
    private String repoUrl;
    @JsonPropertyDescription("Directory of the stack in the repository, stacks/<name>")
    private String path;
    @JsonPropertyDescription("The GKE cluster the stack targets, project/location/name")
    private String cluster;

    public StackSpec() {
    }

    public StackSpec(String repoUrl, String path, String cluster) {
        this.repoUrl = repoUrl;
        this.path = path;
        this.cluster = cluster;
    }

    public String getRepoUrl() {
        return repoUrl;
    }

    public void setRepoUrl(String repoUrl) {
        this.repoUrl = repoUrl;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }
}
