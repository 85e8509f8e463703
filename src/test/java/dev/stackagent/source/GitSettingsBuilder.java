package dev.stackagent.source;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds {@link GitSettings} step by step for tests, with the defaults of {@link GitConfig}: branch
 * main, 60 s poll, 30 s timeout, 20 MiB snapshots. The agent builds its settings from
 * {@link GitConfig} only ({@link GitSettings#from}).
 */
public final class GitSettingsBuilder {
    /** The default largest snapshot of {@link GitConfig}: 20 MiB. */
    public static final long DEFAULT_MAX_SNAPSHOT_BYTES = 20L * 1024 * 1024;

    private final String url;
    private GitRef ref = new GitRef.Branch("main");
    private Duration pollInterval = Duration.ofSeconds(60);
    private Duration timeout = Duration.ofSeconds(30);
    private Path cacheDir = Path.of("/tmp/stack-agent/git");
    private long maxSnapshotBytes = DEFAULT_MAX_SNAPSHOT_BYTES;
    private HttpsCredentials https = HttpsCredentials.none();
    private SshSettings ssh = SshSettings.none();
    private boolean allowInsecureHttp;

    private GitSettingsBuilder(String url) {
        this.url = url;
    }

    /** Settings for the repository at {@code url}. */
    public static GitSettingsBuilder of(String url) {
        return new GitSettingsBuilder(url);
    }

    /** Follows this ref. */
    public GitSettingsBuilder ref(GitRef value) {
        this.ref = value;
        return this;
    }

    /** Sets the poll interval. */
    public GitSettingsBuilder pollInterval(Duration value) {
        this.pollInterval = value;
        return this;
    }

    /** Sets the network timeout. */
    public GitSettingsBuilder timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /** Sets the cache directory. */
    public GitSettingsBuilder cacheDir(Path value) {
        this.cacheDir = value;
        return this;
    }

    /** Sets the snapshot size limit. */
    public GitSettingsBuilder maxSnapshotBytes(long value) {
        this.maxSnapshotBytes = value;
        return this;
    }

    /** Sets the HTTPS credentials. */
    public GitSettingsBuilder https(HttpsCredentials value) {
        this.https = value;
        return this;
    }

    /** Sets the SSH settings. */
    public GitSettingsBuilder ssh(SshSettings value) {
        this.ssh = value;
        return this;
    }

    /** Lets a token or password go over plain http (test servers only). */
    public GitSettingsBuilder allowInsecureHttp(boolean value) {
        this.allowInsecureHttp = value;
        return this;
    }

    /** Validates and builds. */
    public GitSettings build() {
        return new GitSettings(url, ref, pollInterval, timeout, cacheDir, maxSnapshotBytes, https, ssh, allowInsecureHttp);
    }
}
