package dev.stackagent.source;

/**
 * A Git source operation failed. The message names the repository URL (without credentials) and the
 * ref; it never contains a credential. The original JGit exception is not chained because its
 * message may carry a URL with userinfo; its scrubbed summary is part of the message instead.
 */
public final class GitSourceException extends RuntimeException {

    /** Why the operation failed, coarse enough for a status condition reason. */
    public enum Reason {
        /** The server could not be reached (connection refused, DNS, timeout). */
        UNREACHABLE,
        /** The server refused the credentials, or none were configured but it needs some. */
        AUTH,
        /** The repository, branch, tag or commit does not exist on the server. */
        NOT_FOUND,
        /** The SSH server's host key is not in known_hosts, or does not match it. */
        HOST_KEY,
        /** The commit's files exceed the configured snapshot size limit. */
        TOO_LARGE,
        /** The source is configured wrongly (e.g. a missing key file). */
        CONFIG,
        /** The local cache directory could not be read or written. */
        LOCAL
    }

    private final Reason reason;

    /** Creates an exception; {@code message} must already be free of credentials. */
    public GitSourceException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /** Why the operation failed. */
    public Reason reason() {
        return reason;
    }
}
