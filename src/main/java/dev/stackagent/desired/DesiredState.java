package dev.stackagent.desired;

import java.util.List;
import java.util.Map;

/**
 * All stacks of one revision of the config repo: the valid ones, and for each rejected stack its
 * errors. A rejected stack is rejected whole; the others proceed. {@code warnings} do not reject
 * anything (a custom resource not schema-checked, a YAML file no {@code manifests} entry lists).
 */
public record DesiredState(String revision, List<Stack> stacks, Map<String, List<ValidationError>> rejected,
        List<ValidationError> warnings) {
    public DesiredState {
        stacks = List.copyOf(stacks);
        rejected = Map.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    public DesiredState(String revision, List<Stack> stacks, Map<String, List<ValidationError>> rejected) {
        this(revision, stacks, rejected, List.of());
    }

    public boolean valid() {
        return rejected.isEmpty();
    }

    public List<ValidationError> errors() {
        return rejected.values().stream().flatMap(List::stream).toList();
    }
}
