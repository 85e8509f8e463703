package dev.stackagent.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The seed's Phase 1/2 checks before applying ({@code stack-agent.preflight.*}): reported in status,
 * blocking only the checks named in {@code blocking} (a trailing {@code *} matches a prefix, e.g. {@code secret *}).
 */
@ConfigMapping(prefix = "stack-agent.preflight")
public interface PreflightConfig {
    @WithDefault("true")
    boolean enabled();

    /** Re-run at most this often per stack (and whenever the stack changes in Git). */
    @WithDefault("10m")
    Duration interval();

    /** Names of checks whose failure stops the sync (none by default). */
    Optional<Set<String>> blocking();

    @WithDefault("opendatahub")
    String gatewayNamespace();

    @WithDefault("inference-gateway")
    String gatewayName();
}
