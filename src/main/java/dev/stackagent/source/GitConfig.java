package dev.stackagent.source;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the Git source, under {@code stack-agent.git}. See {@code docs/git-source.md}.
 * Secrets are read from files when used; {@code token} is meant to come from the environment
 * variable {@code STACK_AGENT_GIT_TOKEN}.
 */
@ConfigMapping(prefix = "stack-agent.git")
public interface GitConfig {

    /** Repository URL: {@code https://...}, {@code ssh://git@host/...}, {@code git@host:org/repo.git}. */
    Optional<String> url();

    /** Branch to follow; {@code main} when neither tag nor commit is set. */
    Optional<String> branch();

    /** Tag to follow instead of a branch. */
    Optional<String> tag();

    /** Full commit SHA to pin instead of a branch or tag. */
    Optional<String> commit();

    /** How often the remote is checked for a new revision. */
    @WithDefault("60s")
    Duration pollInterval();

    /** Network timeout of one Git operation. */
    @WithDefault("30s")
    Duration timeout();

    /** Directory holding the local bare clone; reused after a restart. */
    @WithDefault("/tmp/stack-agent/git")
    String cacheDir();

    /** Largest total size of the files of one revision. */
    @WithDefault("20M")
    MemorySize maxSnapshotSize();

    /** HTTPS user name sent with a token or password. */
    @WithDefault(HttpsCredentials.DEFAULT_USERNAME)
    String username();

    /** HTTPS token; set it through env {@code STACK_AGENT_GIT_TOKEN}, not in a properties file. */
    Optional<String> token();

    /** File holding an HTTPS token (e.g. a mounted Secret); wins over {@code token}. */
    Optional<String> tokenFile();

    /** File holding an HTTPS password, for basic auth. */
    Optional<String> passwordFile();

    /** SSH private key file. */
    Optional<String> sshKeyFile();

    /** File holding the SSH private key's passphrase. */
    Optional<String> sshKeyPassphraseFile();

    /** OpenSSH known_hosts file with the server's host key. */
    Optional<String> knownHostsFile();

    /** Refuse SSH hosts without a known_hosts entry. */
    @WithDefault("true")
    boolean strictHostKeyChecking();

    /**
     * Send a token or password over plain {@code http://} anyway. Off by default: such settings are
     * refused at start-up. Only for a test server on loopback or inside a trusted network.
     */
    @WithDefault("false")
    boolean allowInsecureHttp();
}
