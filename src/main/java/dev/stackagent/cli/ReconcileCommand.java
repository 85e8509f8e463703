package dev.stackagent.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.stackagent.crd.StackResourceStatus;
import dev.stackagent.triggers.StackAnnotations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stack-agent reconcile STACK [--with-source]}: sync the stack now (Flux's {@code reconcile.fluxcd.io/requestedAt}). */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Ask the agent to sync a stack now, through its Stack resource (annotation "
                + StackAnnotations.RECONCILE_REQUESTED_AT + ").",
                "With --with-source the agent fetches Git first. With --wait, waits for status.lastHandledReconcileAt."})
public class ReconcileCommand extends StackVerbCommand {
    @Option(names = "--with-source", description = "Fetch Git before syncing (a commit pushed a moment ago).")
    boolean withSource;

    @Override
    Map<String, String> annotations(Instant now) {
        Map<String, String> a = new HashMap<>();
        a.put(StackAnnotations.RECONCILE_REQUESTED_AT, now.truncatedTo(ChronoUnit.MILLIS).toString());
        a.put(StackAnnotations.RECONCILE_WITH_SOURCE, withSource ? "true" : null);
        return a;
    }

    @Override
    String requested(Map<String, String> written) {
        return "reconcile of " + stack + " requested" + (withSource ? " (Git fetched first)" : "") + " at "
                + written.get(StackAnnotations.RECONCILE_REQUESTED_AT);
    }

    @Override
    Optional<Outcome> acted(StackResourceStatus s, Map<String, String> written) {
        if (!written.get(StackAnnotations.RECONCILE_REQUESTED_AT).equals(s.getLastHandledReconcileAt())) {
            return Optional.empty();
        }
        String where = "stack " + stack + " reconciled at revision " + (s.getShortRevision() == null ? "-" : s.getShortRevision())
                + ": " + s.getSync() + ", health " + s.getHealth() + ", " + s.getScheduleState()
                + (Boolean.TRUE.equals(s.getSuspended()) ? ", suspended (" + s.getSuspendedReason() + "): nothing applied" : "");
        return "Failed".equals(s.getSync()) ? Optional.of(new Outcome(1, "error: " + where + ": " + s.getLastError()))
                : Optional.of(new Outcome(0, where));
    }
}
