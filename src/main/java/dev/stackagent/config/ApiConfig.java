package dev.stackagent.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The bearer token that guards the manual triggers ({@code stack-agent.api.*}). Without a token
 * configured the manual triggers are off (503); the status API stays read-only and open.
 */
@ConfigMapping(prefix = "stack-agent.api")
public interface ApiConfig {
    /** A mounted Secret file holding the token (read on each request, so rotation needs no restart). */
    Optional<Path> tokenFile();

    /** The token itself (for local runs; prefer the file). */
    Optional<String> token();
}
