package dev.stackagent.schedule;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The persisted progress of a stack between awake and asleep: the phase, the step in it (the step
 * that is being done, not the one done last), when the phase began (for time to wake) and when the
 * step began (for the drain deadline). Stored in the cluster as {@link #toJson()}, so a restarted
 * agent resumes at the same step with the same deadline.
 */
public record TransitionProgress(SleepPhase phase, TransitionStep step, Instant phaseStartedAt, Instant stepStartedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TransitionProgress {
        if (phase == null || step == null || phaseStartedAt == null || stepStartedAt == null) {
            throw new IllegalArgumentException("phase, step, phaseStartedAt and stepStartedAt are required");
        }
        if (!step.belongsTo(phase)) {
            throw new IllegalArgumentException("step " + step + " is not a step of phase " + phase);
        }
    }

    /** The steady phase {@code phase} (Awake or Asleep), reached at {@code at}. */
    public static TransitionProgress settled(SleepPhase phase, Instant at) {
        return new TransitionProgress(phase, TransitionStep.Settled, at, at);
    }

    /** The first step of a transition that begins at {@code at}. */
    static TransitionProgress begin(TransitionStep first, Instant at) {
        SleepPhase phase = first.belongsTo(SleepPhase.FallingAsleep) ? SleepPhase.FallingAsleep : SleepPhase.Waking;
        return new TransitionProgress(phase, first, at, at);
    }

    /** The same phase, moved on to {@code next} at {@code at}. */
    TransitionProgress moveTo(TransitionStep next, Instant at) {
        return new TransitionProgress(phase, next, phaseStartedAt, at);
    }

    /** Which parts of the stack the sleep overlay must hold asleep in this phase and step. */
    public OverlayScope overlayScope() {
        return switch (step) {
            case ScaleWorkloadsToZero, WaitForDrain, RestorePools -> OverlayScope.WORKLOADS;
            case ScalePoolsToZero -> OverlayScope.ALL;
            case RestoreWorkloads, WaitForReady -> OverlayScope.NONE;
            case Settled -> phase == SleepPhase.Asleep ? OverlayScope.ALL : OverlayScope.NONE;
        };
    }

    /** {@code {"phase":"FallingAsleep","step":"WaitForDrain","phaseStartedAt":"...Z","stepStartedAt":"...Z"}}. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("phase", phase.name());
        n.put("step", step.name());
        n.put("phaseStartedAt", phaseStartedAt.toString());
        n.put("stepStartedAt", stepStartedAt.toString());
        return n.toString();
    }

    /** Reads {@link #toJson()}; null or blank text (nothing persisted yet) gives null. */
    public static TransitionProgress fromJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            return new TransitionProgress(
                    SleepPhase.valueOf(required(n, "phase")),
                    TransitionStep.valueOf(required(n, "step")),
                    Instant.parse(required(n, "phaseStartedAt")),
                    Instant.parse(required(n, "stepStartedAt")));
        } catch (JsonProcessingException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a transition progress: " + text, e);
        }
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("transition progress lacks '" + field + "'");
        }
        return v.asText();
    }

    @Override
    public String toString() {
        return step == TransitionStep.Settled ? phase.name() : phase + "/" + step;
    }
}
