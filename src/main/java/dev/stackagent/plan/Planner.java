package dev.stackagent.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stackagent.desired.DesiredObject;
import dev.stackagent.desired.ObjectRef;
import dev.stackagent.desired.Yaml;
import dev.stackagent.diff.ObjectDiff;
import dev.stackagent.diff.ObjectDrift;
import dev.stackagent.policy.Policy;

/**
 * Pairs desired with live objects and orders the work. Pure: live objects and the inventory come
 * in as values (keyed by {@link ObjectRef#key()}), a {@link Plan} comes out.
 */
public final class Planner {
    private Planner() {
    }

    /** The plan under the built-in policy (no adoption entries: only the live annotation adopts). */
    public static Plan plan(String stack, Collection<DesiredObject> desired, Map<String, ObjectNode> live,
            Collection<ObjectRef> inventory, boolean prune) {
        return plan(stack, desired, live, inventory, prune, Policy.defaults());
    }

    /**
     * Pairs and orders. An object that exists live and is not this stack's (see {@link Ownership#claim})
     * becomes a {@link dev.stackagent.diff.Action#CONFLICT}, never an update.
     */
    public static Plan plan(String stack, Collection<DesiredObject> desired, Map<String, ObjectNode> live,
            Collection<ObjectRef> inventory, boolean prune, Policy policy) {
        List<Plan.Step> steps = new ArrayList<>();
        Set<String> desiredKeys = new HashSet<>();
        Set<String> held = new HashSet<>();
        inventory.forEach(r -> held.add(r.key()));
        for (DesiredObject o : desired.stream().sorted((a, b) -> KindOrder.APPLY.compare(a.ref(), b.ref())).toList()) {
            desiredKeys.add(o.ref().key());
            ObjectNode liveObject = live.get(o.ref().key());
            // an object another controller controls is skipped by the diff, whoever claims it
            Ownership.Claim claim = liveObject != null && ObjectDrift.foreignController(liveObject) != null ? Ownership.Claim.OWNED
                    : Ownership.claim(o.ref(), liveObject, stack, held.contains(o.ref().key()), policy);
            // an adopted object keeps its adoption mark in what is applied, so the three-way diff never removes it
            boolean adopted = claim == Ownership.Claim.ADOPT_BY_POLICY || liveObject != null && Ownership.adoptedBy(liveObject, stack);
            ObjectNode stamped = Ownership.stamp(o, stack, adopted);
            ObjectDiff diff = claim == Ownership.Claim.CONFLICT
                    ? ObjectDrift.conflict(o.ref(), Ownership.conflictReason(o.ref(), liveObject, stack))
                    : ObjectDrift.diff(o.ref(), stamped, liveObject, lastAppliedOf(liveObject));
            steps.add(new Plan.Step(stamped, liveObject, diff));
        }
        List<ObjectDiff> prunes = new ArrayList<>();
        List<ObjectRef> released = new ArrayList<>();
        for (ObjectRef ref : inventory.stream().sorted(KindOrder.PRUNE).toList()) {
            if (desiredKeys.contains(ref.key())) continue;
            ObjectNode liveObject = live.get(ref.key());
            if (liveObject == null || !Ownership.ownedBy(liveObject, stack) || Ownership.adopted(liveObject)) {
                released.add(ref); // already gone, someone else took it over, or adopted: never deleted, only let go
            } else if (prune) {
                prunes.add(ObjectDrift.prune(ref, liveObject));
            }
        }
        return new Plan(stack, steps, prunes, released);
    }

    /** The last-applied record the agent left on a live object, or null. */
    public static ObjectNode lastAppliedOf(JsonNode live) {
        if (live == null) return null;
        JsonNode v = live.path("metadata").path("annotations").path(Ownership.LAST_APPLIED);
        if (!v.isTextual()) return null;
        try {
            JsonNode parsed = Yaml.JSON.readTree(v.asText());
            return parsed instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null; // a damaged record only loses three-way removal, never correctness of the rest
        }
    }
}
