package dev.stackagent.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stackagent.live.StackSnapshot;
import dev.stackagent.report.SleepReport;
import dev.stackagent.report.SyncResult.Assessment;
import dev.stackagent.apply.ChangeSet;
import dev.stackagent.desired.Stack;
import dev.stackagent.desired.VerificationSpec;
import dev.stackagent.health.HealthRegistry;
import dev.stackagent.health.StackHealthAssessment;
import dev.stackagent.health.preflight.PreflightReport;
import dev.stackagent.plan.Plan;
import dev.stackagent.schedule.SleepOverlay;
import dev.stackagent.schedule.SleepPhase;
import dev.stackagent.verify.ModelCheck;
import dev.stackagent.verify.VerificationResult;

/**
 * The last step of a sync: the stack's health (each object's kind rule, the TPU nodes, the last
 * verification) and the model verified when due (after a change of the workload, after a wake).
 */
final class StackAssessor {
    private final ModelCheck verifier;

    StackAssessor(ModelCheck verifier) {
        this.verifier = verifier;
    }

    Assessment assess(Stack stack, Plan plan, ChangeSet changes, SleepReport sleep, Instant now, PreflightReport preflight,
            StackSnapshot live) {
        boolean awake = sleep == null || sleep.progress().phase() == SleepPhase.Awake;
        boolean workloadChanged = sleep != null && sleep.timeToWake() != null || changes.entries().stream()
                .anyMatch(e -> (e.result() == ChangeSet.Result.CREATED || e.result() == ChangeSet.Result.CONFIGURED)
                        && stack.objects().stream().anyMatch(o -> o.ref().equals(e.ref()) && SleepOverlay.isWorkload(o, stack.config().schedule())));
        VerificationResult verification = verifier.after(stack, workloadChanged, awake, live).orElse(null);
        VerificationSpec spec = stack.config().verification();
        HealthRegistry registry = HealthRegistry.defaults(spec == null ? VerificationSpec.DEFAULT_STARTUP_ALLOWANCE : spec.startupAllowance());
        Instant since = sleep != null && sleep.progress().phase() == SleepPhase.Waking ? sleep.progress().phaseStartedAt() : null;
        Map<String, List<JsonNode>> tpuNodes = new TreeMap<>();
        stack.config().nodePools().stream().filter(SleepOverlay::isTpuPool).forEach(p -> tpuNodes.put(p.name(), live.nodesJson(p.name())));
        return new Assessment(StackHealthAssessment.assess(registry, plan, verification, tpuNodes, !awake, since, now), verification,
                preflight);
    }
}
