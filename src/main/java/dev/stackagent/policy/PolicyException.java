package dev.stackagent.policy;

/** A policy file that cannot be read or is not valid: the agent does not start, the CLI exits 2. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
