package dev.stackagent.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated settings of one {@link GitSource}, built from {@link GitConfig} ({@link #from}).
 * {@link #toString()} shows no credential.
 *
 * @param url repository URL as configured (may hold userinfo; never logged as is)
 * @param ref branch, tag or pinned commit to follow
 * @param pollInterval how often the caller should check for a new revision
 * @param timeout network timeout of one Git operation
 * @param cacheDir directory holding the local bare clones
 * @param maxSnapshotBytes largest total size of the files of one revision
 * @param https HTTPS credentials
 * @param ssh SSH key and host key settings
 * @param allowInsecureHttp send a token or password over plain {@code http://} anyway (test servers
 *        only); without it such settings are refused
 */
public record GitSettings(String url, GitRef ref, Duration pollInterval, Duration timeout, Path cacheDir,
        long maxSnapshotBytes, HttpsCredentials https, SshSettings ssh, boolean allowInsecureHttp) {

    /** The configuration key of the opt-out. */
    public static final String ALLOW_INSECURE_HTTP_KEY = "stack-agent.git.allow-insecure-http";

    /** Validates the settings. */
    public GitSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("stack-agent.git.url is not set");
        }
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(ssh, "ssh");
        requirePositive(pollInterval, "poll-interval");
        requirePositive(timeout, "timeout");
        if (maxSnapshotBytes <= 0) {
            throw new IllegalArgumentException("max-snapshot-size must be positive");
        }
        if (!allowInsecureHttp) {
            insecureCredential(url, https).ifPresent(setting -> {
                throw new IllegalArgumentException("stack-agent.git.url is plain http:// and " + setting
                        + " is set: the Git credential would be sent in clear text; use https:// (or, for a test server only, set "
                        + ALLOW_INSECURE_HTTP_KEY + "=true)");
            });
        }
    }

    /**
     * The setting that would send a credential over plain {@code http://}, if any: a configured
     * token or password, or a password in the URL's userinfo. Never the credential itself.
     */
    static Optional<String> insecureCredential(String url, HttpsCredentials https) {
        if (url == null || !url.regionMatches(true, 0, "http://", 0, "http://".length())) {
            return Optional.empty();
        }
        if (https != null && https.isConfigured()) {
            return https.settingName();
        }
        int hostStart = "http://".length();
        int authorityEnd = url.indexOf('/', hostStart);
        String authority = authorityEnd < 0 ? url.substring(hostStart) : url.substring(hostStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0 && authority.substring(0, at).contains(":")) {
            return Optional.of("a password in stack-agent.git.url");
        }
        return Optional.empty();
    }

    /** Whether credentials go over plain http because {@link #allowInsecureHttp()} says so; for a start-up warning. */
    public boolean sendsCredentialsInClearText() {
        return insecureCredential(url, https).isPresent();
    }

    /** The repository URL without credentials, safe for logs and messages. */
    public String redactedUrl() {
        return Redaction.url(url);
    }

    /** Settings from Quarkus configuration; throws {@link IllegalArgumentException} when invalid. */
    public static GitSettings from(GitConfig config) {
        String url = config.url().orElseThrow(
                () -> new IllegalArgumentException("stack-agent.git.url is not set"));
        return new GitSettings(url,
                refOf(config.branch(), config.tag(), config.commit()),
                config.pollInterval(),
                config.timeout(),
                Path.of(config.cacheDir()),
                config.maxSnapshotSize().asLongValue(),
                new HttpsCredentials(config.username(), config.tokenFile().map(Path::of), config.token(),
                        config.passwordFile().map(Path::of)),
                new SshSettings(config.sshKeyFile().map(Path::of), config.sshKeyPassphraseFile().map(Path::of),
                        config.knownHostsFile().map(Path::of), config.strictHostKeyChecking()),
                config.allowInsecureHttp());
    }

    /** The ref from at most one of branch, tag and commit; {@code main} when none is set. */
    static GitRef refOf(Optional<String> branch, Optional<String> tag, Optional<String> commit) {
        int set = (branch.isPresent() ? 1 : 0) + (tag.isPresent() ? 1 : 0) + (commit.isPresent() ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException(
                    "set only one of stack-agent.git.branch, stack-agent.git.tag and stack-agent.git.commit");
        }
        if (tag.isPresent()) {
            return new GitRef.Tag(tag.get());
        }
        if (commit.isPresent()) {
            return new GitRef.Commit(commit.get());
        }
        return new GitRef.Branch(branch.orElse("main"));
    }

    @Override
    public String toString() {
        return "GitSettings[url=" + redactedUrl() + ", ref=" + ref.describe() + ", pollInterval=" + pollInterval
                + ", timeout=" + timeout + ", cacheDir=" + cacheDir + ", maxSnapshotBytes=" + maxSnapshotBytes
                + ", https=" + https + ", ssh=" + ssh + (allowInsecureHttp ? ", allowInsecureHttp=true" : "") + "]";
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }
}
