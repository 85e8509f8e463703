package dev.stackagent.desired;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Per-stack switches. {@code prune}: delete objects Git no longer holds (default true).
 * {@code suspend}: no apply and no prune, drift still reported (default false).
 */
@RegisterForReflection
public record Options(Boolean prune, Boolean suspend) {
    public static final Options DEFAULTS = new Options(true, false);

    public boolean pruneEnabled() {
        return !Boolean.FALSE.equals(prune);
    }

    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }
}
