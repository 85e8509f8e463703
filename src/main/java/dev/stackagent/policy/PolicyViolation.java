package dev.stackagent.policy;

/** A write the policy does not allow, found at sync time (the stack's sync fails; nothing of it is applied). */
public final class PolicyViolation extends RuntimeException {
    public PolicyViolation(String message) {
        super(message);
    }
}
