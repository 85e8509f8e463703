package dev.stackagent.triggers;

/**
 * Does the work for one queue key: {@link WorkQueue#GIT_FETCH} fetches the Git source (and then
 * enqueues the stacks it changed), any other key is a stack name to sync. Called by at most one
 * thread per key at a time. A thrown exception counts as {@link Outcome#failure(String)}.
 */
@FunctionalInterface
public interface WorkHandler {
    Outcome handle(String key);
}
