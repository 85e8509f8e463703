package dev.stackagent.crd;

import java.util.List;

import dev.stackagent.desired.ValidationError;

/** A revision of a stack that failed validation: the stack keeps running its last good revision. */
public record StackRejection(String revision, List<ValidationError> errors) {
    public StackRejection {
        errors = List.copyOf(errors);
    }

    /** For status.lastError and the Ready condition: which revision, how many errors, what still runs. */
    String summary(String applying) {
        return "revision " + shortRev(revision) + " rejected: " + errors.size() + " validation error(s); still applying revision "
                + (applying == null ? "(none)" : shortRev(applying));
    }

    /** For the ValidationFailed Event: the summary and every error with its file:line, cut at the Event's bound. */
    String message(String applying) {
        StringBuilder b = new StringBuilder(summary(applying)).append(": ");
        for (int i = 0; i < errors.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(errors.get(i));
        }
        return b.toString();
    }

    static String shortRev(String revision) {
        return revision == null ? "(none)" : revision.substring(0, Math.min(12, revision.length()));
    }
}
