package dev.stackagent.gke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.google.container.v1.NodePool;

import dev.stackagent.policy.Policy;

/**
 * Whose a live node pool is, and what the agent may therefore do to it. A pool the agent creates
 * carries the GKE resource label {@value #LABEL} (on the pool's {@code NodeConfig.resource_labels})
 * with its stack's name; only such a pool is ever deleted or replaced, and only by that stack. A pool
 * without the label (GKE's {@code default-pool}, one made by hand) is left as it is, unless the policy
 * names it under {@code nodePools.adoptable}: then it may be resized and updated, never deleted or
 * replaced, and it is never labelled (adopting it must not make it deletable).
 *
 * <p>This is the agent's own rule: its GCP role can technically delete any pool of the cluster.
 */
public final class NodePoolOwnership {

    /** The GKE resource label naming the stack that created a pool. */
    public static final String LABEL = "stack-agent-stack";

    /** GCP label values: lowercase letters, digits, '-' and '_', at most 63 characters. */
    static final int MAX_VALUE_LENGTH = 63;

    /** What a stack may do with a pool, given its labels and the policy. */
    public enum Kind {
        /** GKE has no such pool: the stack may create it (with its label). */
        ABSENT,
        /** Created by the agent for this stack: every change, including delete and replace. */
        OWNED,
        /** Not created by the agent, named adoptable by the policy: resize and update only. */
        ADOPTED,
        /** Not created by the agent and not adoptable: nothing is changed. */
        NOT_OWNED,
        /** Created by the agent for another stack: nothing is changed. */
        OTHER_STACK
    }

    private final Kind kind;
    private final String pool;
    private final String stack;
    private final String owner;

    private NodePoolOwnership(Kind kind, String pool, String stack, String owner) {
        this.kind = kind;
        this.pool = pool;
        this.stack = stack;
        this.owner = owner;
    }

    /** The ownership of {@code live} (null: absent) for {@code stack} under {@code policy}. */
    public static NodePoolOwnership of(String pool, NodePool live, String stack, Policy policy) {
        if (live == null) {
            return new NodePoolOwnership(Kind.ABSENT, pool, stack, null);
        }
        String owner = live.getConfig().getResourceLabelsMap().get(LABEL);
        if (owner != null && !owner.isEmpty()) {
            return new NodePoolOwnership(owner.equals(labelValue(stack)) ? Kind.OWNED : Kind.OTHER_STACK, pool, stack, owner);
        }
        return new NodePoolOwnership(policy.nodePools().adoptable(pool) ? Kind.ADOPTED : Kind.NOT_OWNED, pool, stack, null);
    }

    /**
     * The label value for a stack. A stack name is a DNS-1123 label, which is already a valid value;
     * anything else is lower-cased, other characters become '-', and a name that had to change or is
     * too long ends in a short hash of the original, so two stacks never share a value.
     */
    public static String labelValue(String stack) {
        String lower = stack.toLowerCase(Locale.ROOT);
        String safe = lower.replaceAll("[^a-z0-9_-]", "-");
        if (safe.equals(stack) && safe.length() <= MAX_VALUE_LENGTH) {
            return safe;
        }
        String hash = sha256(stack).substring(0, 8);
        String head = safe.length() > MAX_VALUE_LENGTH - 9 ? safe.substring(0, MAX_VALUE_LENGTH - 9) : safe;
        return head + "-" + hash;
    }

    public Kind kind() {
        return kind;
    }

    /** The label value on the pool when another stack's, else null. */
    public String owner() {
        return owner;
    }

    /** May the pool be resized or updated in place (autoscaling, size, labels, taints, locations)? */
    public boolean mayUpdate() {
        return kind == Kind.ABSENT || kind == Kind.OWNED || kind == Kind.ADOPTED;
    }

    /** May the pool be deleted and recreated? Only a pool the agent created for this stack. */
    public boolean mayReplace() {
        return kind == Kind.OWNED;
    }

    /** Why a change is refused; null when it is not. */
    public String refusal(ChangeType type) {
        if (type == ChangeType.CREATE) {
            return null;
        }
        return switch (kind) {
            case ABSENT, OWNED -> null;
            case ADOPTED -> type == ChangeType.REQUIRES_REPLACEMENT
                    ? "node pool " + pool + " was not created by stack-agent (adopted through nodePools.adoptable in the agent "
                            + "policy): it may be resized and updated, never deleted or replaced"
                    : null;
            case NOT_OWNED -> "node pool " + pool + " exists and was not created by stack-agent: not changed. A platform admin "
                    + "can list it under nodePools.adoptable in the agent policy";
            case OTHER_STACK -> "node pool " + pool + " belongs to stack " + owner + " (GKE resource label " + LABEL + "="
                    + owner + "): stack " + stack + " does not change it";
        };
    }

    /**
     * The drift with every change this ownership refuses marked not allowed, with the reason (so
     * {@code plan} shows it blocked, and no caller stops a workload for a replacement that will not
     * happen), and a note on a pool that is not the stack's own.
     */
    public NodePoolDrift guard(NodePoolDrift drift) {
        if (kind == Kind.ABSENT || kind == Kind.OWNED) {
            return drift;
        }
        List<NodePoolChange> changes = drift.changes().stream().map(c -> {
            String why = refusal(c.type());
            return why == null ? c : new NodePoolChange(c.type(), c.fields(), false, why);
        }).toList();
        List<String> notes = new ArrayList<>(drift.notes());
        if (kind == Kind.ADOPTED) {
            notes.add("adopted (nodePools.adoptable in the agent policy): resized and updated, never deleted or replaced");
        } else if (changes.isEmpty()) {
            notes.add(kind == Kind.OTHER_STACK ? refusal(ChangeType.SET_SIZE)
                    : "not created by stack-agent: left as it is");
        }
        return new NodePoolDrift(drift.pool(), drift.liveState(), changes, notes);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
