package dev.stackagent.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials: a token or a password, sent with a user name as HTTP basic auth. The secret
 * comes, in this order, from {@code tokenFile}, from {@code token} (e.g. env
 * {@code STACK_AGENT_GIT_TOKEN}) or from {@code passwordFile}. Files are read on every use.
 * {@link #toString()} never shows the secret.
 */
public final class HttpsCredentials {

    /** User name used with a token when none is configured (GitHub accepts any non-empty name). */
    public static final String DEFAULT_USERNAME = "x-access-token";

    private final String username;
    private final Optional<Path> tokenFile;
    private final Optional<String> token;
    private final Optional<Path> passwordFile;

    /** Creates credentials; all sources may be empty (anonymous access). */
    public HttpsCredentials(String username, Optional<Path> tokenFile, Optional<String> token,
            Optional<Path> passwordFile) {
        this.username = username == null || username.isBlank() ? DEFAULT_USERNAME : username;
        this.tokenFile = Objects.requireNonNull(tokenFile);
        this.token = Objects.requireNonNull(token).filter(t -> !t.isBlank());
        this.passwordFile = Objects.requireNonNull(passwordFile);
    }

    /** No credentials: anonymous access. */
    public static HttpsCredentials none() {
        return new HttpsCredentials(DEFAULT_USERNAME, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The user name sent with the secret. */
    public String username() {
        return username;
    }

    /** Whether any secret source is configured. */
    public boolean isConfigured() {
        return tokenFile.isPresent() || token.isPresent() || passwordFile.isPresent();
    }

    /** The configuration key the secret comes from ({@code stack-agent.git.token-file}, ...); empty when anonymous. */
    public Optional<String> settingName() {
        if (tokenFile.isPresent()) return Optional.of("stack-agent.git.token-file");
        if (token.isPresent()) return Optional.of("stack-agent.git.token");
        return passwordFile.map(f -> "stack-agent.git.password-file");
    }

    /** Reads the current secret now; empty for anonymous access. */
    Optional<String> currentSecret() {
        if (tokenFile.isPresent()) {
            return Optional.of(SecretFiles.read(tokenFile.get(), "token-file"));
        }
        if (token.isPresent()) {
            return token;
        }
        return passwordFile.map(f -> SecretFiles.read(f, "password-file"));
    }

    /** A JGit credentials provider built from the current secret; empty for anonymous access. */
    public Optional<CredentialsProvider> provider() {
        return currentSecret().map(secret -> new UsernamePasswordCredentialsProvider(username, secret));
    }

    /** Secret values to mask in messages (the configured token; file contents are read on demand). */
    List<String> secretsToMask() {
        List<String> secrets = new ArrayList<>();
        try {
            currentSecret().ifPresent(secrets::add);
        } catch (GitSourceException unreadable) {
            // nothing to mask if the file cannot be read
        }
        return secrets;
    }

    @Override
    public String toString() {
        String source = tokenFile.map(f -> "token-file=" + f)
                .or(() -> token.map(t -> "token=****"))
                .or(() -> passwordFile.map(f -> "password-file=" + f))
                .orElse("anonymous");
        return "HttpsCredentials[username=" + username + ", " + source + "]";
    }
}
