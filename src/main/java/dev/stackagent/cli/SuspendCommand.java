package dev.stackagent.cli;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.triggers.StackAnnotations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack-agent suspend STACK [--reason TEXT]}: stop applying (drift is still reported) without a Git commit. */
@Command(name = "suspend", mixinStandardHelpOptions = true,
        description = {"Stop applying a stack during an incident, without a commit: no apply, no prune, no schedule step;",
                "drift is still reported. Recorded as annotation " + StackAnnotations.SUSPENDED + " on its Stack resource;",
                "undo with 'stack-agent resume'. With --wait, waits for status.suspended."})
public class SuspendCommand extends StackVerbCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown in status, e.g. an incident number).")
    String reason;

    @Override
    Map<String, String> annotations(Instant now) {
        Map<String, String> a = new HashMap<>();
        a.put(StackAnnotations.SUSPENDED, "true");
        a.put(StackAnnotations.SUSPENDED_REASON, reason == null || reason.isBlank() ? null : reason.trim());
        return a;
    }

    @Override
    String requested(Map<String, String> written) {
        return "suspend of " + stack + " requested" + (reason == null ? "" : " (" + reason.trim() + ")");
    }

    @Override
    Optional<Outcome> acted(StackResourceStatus s, Map<String, String> written) {
        if (!Boolean.TRUE.equals(s.getSuspended())) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(0, "stack " + stack + " suspended (" + s.getSuspendedReason() + "): nothing is applied; "
                + s.getSync() + (s.getSync() != null && s.getSync().equals("OutOfSync") ? " (drift reported)" : "")));
    }
}
