package dev.stackagent.apply;

import java.util.List;

import dev.stackagent.desired.ObjectRef;

/** What one apply did, object by object, in the order it happened (Flux's change set). */
public record ChangeSet(List<Entry> entries) {
    public ChangeSet {
        entries = List.copyOf(entries);
    }

    public enum Result { CREATED, CONFIGURED, UNCHANGED, PRUNED, SKIPPED, FAILED }

    /** {@code fields}: the changed field paths (never values). */
    public record Entry(ObjectRef ref, Result result, List<String> fields, String message) {
    }

    public long count(Result r) {
        return entries.stream().filter(e -> e.result() == r).count();
    }

    public boolean failed() {
        return count(Result.FAILED) > 0;
    }
}
