package dev.stackagent.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.stackagent.desired.ObjectRef;

/**
 * What the agent holds for one stack: the objects it applied (pruning is a set difference against
 * them, so it survives restarts) and the GKE node pools it created (which also carry its ownership
 * as a GKE resource label). Serialised one entry per line: {@code apiVersion|kind|namespace|name}
 * for an object, {@code nodepool|<name>} for a node pool.
 */
public record Inventory(String stack, Set<ObjectRef> objects, Set<String> nodePools) {
    static final String POOL = "nodepool";

    public Inventory {
        objects = Collections.unmodifiableSortedSet(new TreeSet<>(objects));
        nodePools = Collections.unmodifiableSortedSet(new TreeSet<>(nodePools));
    }

    /** Objects only, no node pools. */
    public Inventory(String stack, Set<ObjectRef> objects) {
        this(stack, objects, Set.of());
    }

    public static Inventory empty(String stack) {
        return new Inventory(stack, Set.of());
    }

    /** The next inventory: what this sync holds now plus what it could not delete. */
    public static Inventory of(String stack, Collection<ObjectRef> applied) {
        return new Inventory(stack, new TreeSet<>(applied));
    }

    /** This inventory with {@code pools} added to the node pools it holds. */
    public Inventory withNodePools(Collection<String> pools) {
        Set<String> all = new TreeSet<>(nodePools);
        all.addAll(pools);
        return new Inventory(stack, objects, all);
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (ObjectRef r : objects) {
            sb.append(r.apiVersion()).append('|').append(r.kind()).append('|')
                    .append(r.namespace() == null ? "" : r.namespace()).append('|').append(r.name()).append('\n');
        }
        nodePools.forEach(p -> sb.append(POOL).append('|').append(p).append('\n'));
        return sb.toString();
    }

    public static Inventory decode(String stack, String text) {
        List<ObjectRef> refs = new ArrayList<>();
        List<String> pools = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                String[] p = line.split("\\|", -1);
                if (p.length == 4) {
                    refs.add(new ObjectRef(p[0], p[1], p[2].isEmpty() ? null : p[2], p[3]));
                } else if (p.length == 2 && p[0].equals(POOL) && !p[1].isEmpty()) {
                    pools.add(p[1]);
                }
            }
        }
        return new Inventory(stack, new TreeSet<>(refs), new TreeSet<>(pools));
    }
}
