package dev.stackagent.plan;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.ObjectRef;
import dev.stackagent.diff.Action;
import dev.stackagent.diff.ObjectDiff;

/**
 * What one sync of a stack would do: the object steps in apply order (each with the stamped
 * desired body it applies), then the prunes in reverse kind order. {@code released}: inventory
 * entries to forget without a delete (already gone, or taken over by someone else).
 */
public record Plan(String stack, List<Step> steps, List<ObjectDiff> prunes, List<ObjectRef> released) {
    public Plan {
        steps = List.copyOf(steps);
        prunes = List.copyOf(prunes);
        released = List.copyOf(released);
    }

    /** One desired object: its stamped body, the live object it was compared with (null when absent) and its drift. */
    public record Step(ObjectNode desired, ObjectNode live, ObjectDiff diff) {
        /** Never prints the desired body: for a Secret copy it carries the values. */
        @Override
        public String toString() {
            return "Step[" + diff + "]";
        }
    }

    public Stream<ObjectDiff> diffs() {
        return Stream.concat(steps.stream().map(Step::diff), prunes.stream());
    }

    public long count(Action action) {
        return diffs().filter(d -> d.action() == action).count();
    }

    public boolean inSync() {
        return diffs().noneMatch(ObjectDiff::drifted);
    }
}
