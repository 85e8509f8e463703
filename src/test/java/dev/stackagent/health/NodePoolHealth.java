package dev.stackagent.health;

import com.google.container.v1.NodePool;
import com.google.container.v1.StatusCondition;

/**
 * Health of a GKE node pool from its {@code NodePool.status}: RUNNING is Healthy; PROVISIONING,
 * RECONCILING (an update or resize) and STOPPING (being deleted) are Progressing; ERROR and
 * RUNNING_WITH_ERROR are Degraded with the pool's status message; an unset or unrecognised status
 * is Unknown; no pool (null) is Missing.
 *
 * <p>The number of nodes is not part of this verdict: GKE has no current-size field, and a pool
 * autoscaled to zero is fine. Count {@code Node}s labelled {@code cloud.google.com/gke-nodepool} and
 * judge them with {@link TpuNodeHealth}.
 */
public final class NodePoolHealth {

    private NodePoolHealth() {
    }

    public static Health of(NodePool pool) {
        if (pool == null) {
            return Health.missing("node pool does not exist");
        }
        String detail = detail(pool);
        return switch (pool.getStatus()) {
            case RUNNING -> Health.healthy("RUNNING");
            case PROVISIONING -> Health.progressing("PROVISIONING" + detail);
            case RECONCILING -> Health.progressing("RECONCILING" + detail);
            case STOPPING -> Health.progressing("STOPPING (being deleted)" + detail);
            case ERROR -> Health.degraded("ERROR" + detail);
            case RUNNING_WITH_ERROR -> Health.degraded("RUNNING_WITH_ERROR" + detail);
            default -> Health.unknown("status " + pool.getStatus() + detail);
        };
    }

    private static String detail(NodePool pool) {
        StringBuilder b = new StringBuilder();
        if (!pool.getStatusMessage().isEmpty()) {
            b.append(": ").append(pool.getStatusMessage());
        }
        for (StatusCondition c : pool.getConditionsList()) {
            b.append(b.isEmpty() ? ": " : "; ").append(c.getCanonicalCode()).append(' ').append(c.getMessage());
        }
        return b.toString();
    }
}
