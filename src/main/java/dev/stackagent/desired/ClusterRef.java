package dev.stackagent.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The GKE cluster a stack targets. An agent reconciles only the stacks whose cluster is its own. */
@RegisterForReflection
public record ClusterRef(String project, String location, String name) {

    /** {@code projects/P/locations/L/clusters/C}, the GKE API's resource name. */
    public String resourceName() {
        return "projects/" + project + "/locations/" + location + "/clusters/" + name;
    }

    @Override
    public String toString() {
        return project + "/" + location + "/" + name;
    }
}
