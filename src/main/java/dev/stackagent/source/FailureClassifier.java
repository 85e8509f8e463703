package dev.stackagent.source;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;

import dev.stackagent.source.GitSourceException.Reason;

/** Turns a JGit failure into a {@link GitSourceException} with a reason and a credential-free message. */
final class FailureClassifier {

    /** HTTP 401/403 as a status, not as digits of a port or address (git://127.0.0.1:34033 is no auth failure). */
    private static final java.util.regex.Pattern HTTP_AUTH_STATUS = java.util.regex.Pattern.compile("(?<![\\d.:])(401|403)(?!\\d)");

    private FailureClassifier() {
    }

    /**
     * @param failure what JGit threw
     * @param hostKeyRefusal why the SSH host key was refused during the operation, if it was
     * @param operation e.g. {@code fetch}
     * @param settings the source, for the URL and ref in the message
     * @param secrets secret values to mask
     */
    static GitSourceException classify(Throwable failure, Optional<String> hostKeyRefusal, String operation,
            GitSettings settings, List<String> secrets) {
        if (failure instanceof GitSourceException known) {
            return known;
        }
        String where = operation + " of " + settings.ref().describe() + " from " + settings.redactedUrl();
        String detail = Redaction.text(summary(failure), secrets);
        if (hostKeyRefusal.isPresent()) {
            return new GitSourceException(Reason.HOST_KEY, where + " failed: " + hostKeyRefusal.get());
        }
        return new GitSourceException(reasonOf(failure), where + " failed: " + detail);
    }

    private static Reason reasonOf(Throwable failure) {
        String text = summary(failure).toLowerCase(Locale.ROOT);
        boolean transport = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            transport |= t instanceof TransportException || t instanceof org.eclipse.jgit.api.errors.TransportException;
            if (t instanceof NoRemoteRepositoryException || t instanceof FileNotFoundException) {
                return Reason.NOT_FOUND;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return Reason.UNREACHABLE;
            }
        }
        if (text.contains("not authorized") || text.contains("not permitted") || text.contains("authentication")
                || text.contains("auth fail") || HTTP_AUTH_STATUS.matcher(text).find()
                || text.contains("no more authentication methods")) {
            return Reason.AUTH;
        }
        if (text.contains("does not have") || text.contains("not found") || text.contains("not exported")
                || text.contains("does not appear to be a git repository")) {
            return Reason.NOT_FOUND;
        }
        if (transport || text.contains("connection") || text.contains("timeout")
                || text.contains("timed out")) {
            return Reason.UNREACHABLE;
        }
        return Reason.LOCAL;
    }

    /** Class names and messages of the cause chain, e.g. {@code TransportException: x <- ConnectException: y}. */
    private static String summary(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
            parts.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        return String.join(" <- ", parts);
    }
}
