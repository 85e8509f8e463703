package dev.stackagent.cli;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.triggers.StackAnnotations;
import picocli.CommandLine.Command;

/** {@code stack-agent resume STACK}: undo {@code suspend}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Resume applying a stack suspended with 'stack-agent suspend' (removes " + StackAnnotations.SUSPENDED + ").",
                "A stack suspended in Git (options.suspend) stays suspended. With --wait, waits for status.suspended to clear."})
public class ResumeCommand extends StackVerbCommand {
    static final String IN_GIT = "options.suspend in Git";

    @Override
    Map<String, String> annotations(Instant now) {
        Map<String, String> a = new HashMap<>();
        a.put(StackAnnotations.SUSPENDED, null);
        a.put(StackAnnotations.SUSPENDED_REASON, null);
        return a;
    }

    @Override
    String requested(Map<String, String> written) {
        return "resume of " + stack + " requested";
    }

    @Override
    Optional<Outcome> acted(StackResourceStatus s, Map<String, String> written) {
        if (Boolean.TRUE.equals(s.getSuspended()) && IN_GIT.equals(s.getSuspendedReason())) {
            return Optional.of(new Outcome(1, "error: stack " + stack + " is still suspended: " + IN_GIT
                    + " (remove options.suspend from its stack.yaml)"));
        }
        if (Boolean.TRUE.equals(s.getSuspended())) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(0, "stack " + stack + " resumed: " + s.getSync() + " at revision "
                + (s.getShortRevision() == null ? "-" : s.getShortRevision())));
    }
}
