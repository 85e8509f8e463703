package dev.stackagent.verify;

import java.util.Optional;

import dev.stackagent.desired.Stack;
import dev.stackagent.live.StackSnapshot;

/** Verifies the served model when due (the seed's Phase 4); {@link #OFF} when the agent does not verify. */
public interface ModelCheck {
    ModelCheck OFF = (stack, workloadChanged, awake, live) -> Optional.empty();

    /**
     * Marks verification due when {@code workloadChanged} and runs it once the model is Ready;
     * returns the latest result, if any. The model's and Gateway's status are read through {@code live}
     * (the sync's snapshot; null: read them).
     */
    Optional<VerificationResult> after(Stack stack, boolean workloadChanged, boolean awake, StackSnapshot live);
}
