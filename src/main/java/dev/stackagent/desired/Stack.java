package dev.stackagent.desired;

import java.util.List;

/**
 * One validated stack of a revision: its config and its Kubernetes objects (namespaces from
 * {@code stack.yaml} included), immutable.
 */
public record Stack(String name, String dir, StackConfig config, List<DesiredObject> objects) {
    public Stack {
        objects = List.copyOf(objects);
    }

    public boolean targets(ClusterRef cluster) {
        return config.cluster() != null && config.cluster().equals(cluster);
    }
}
