package dev.stackagent.health.preflight;

import dev.stackagent.desired.Stack;

/** The seed's Phase 1/2 checks before a stack is applied; {@link #OFF} when preflight is switched off. */
public interface PreflightCheck {
    /** No checks: nothing is reported (null) and nothing blocks. */
    PreflightCheck OFF = new PreflightCheck() {
        @Override
        public PreflightReport check(Stack stack) {
            return null;
        }

        @Override
        public boolean blocks(PreflightReport report) {
            return false;
        }
    };

    /** The report for {@code stack}, or null when not checked. */
    PreflightReport check(Stack stack);

    /** True when {@code report} fails a check configured as blocking. */
    boolean blocks(PreflightReport report);
}
