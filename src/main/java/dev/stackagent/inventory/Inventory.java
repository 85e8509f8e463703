package dev.stackagent.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.stackagent.desired.ObjectRef;

/**
 * The objects the agent has applied for one stack. Pruning is a set difference against it, so it
 * survives restarts. Serialised one object per line: {@code apiVersion|kind|namespace|name}.
 */
public record Inventory(String stack, Set<ObjectRef> objects) {
    public Inventory {
        objects = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(objects));
    }

    public static Inventory empty(String stack) {
        return new Inventory(stack, Set.of());
    }

    /** The next inventory: what this sync holds now plus what it could not delete. */
    public static Inventory of(String stack, Collection<ObjectRef> applied) {
        return new Inventory(stack, new TreeSet<>(applied));
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (ObjectRef r : objects) {
            sb.append(r.apiVersion()).append('|').append(r.kind()).append('|')
                    .append(r.namespace() == null ? "" : r.namespace()).append('|').append(r.name()).append('\n');
        }
        return sb.toString();
    }

    public static Inventory decode(String stack, String text) {
        List<ObjectRef> refs = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                String[] p = line.split("\\|", -1);
                if (p.length == 4) {
                    refs.add(new ObjectRef(p[0], p[1], p[2].isEmpty() ? null : p[2], p[3]));
                }
            }
        }
        return new Inventory(stack, new TreeSet<>(refs));
    }
}
