package dev.stackagent.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the platform team's policy is ({@code stack-agent.policy.*}): a YAML file mounted from a
 * ConfigMap only admins can write. Without it the built-in default applies (the seed's stack, nothing more).
 */
@ConfigMapping(prefix = "stack-agent.policy")
public interface PolicyConfig {
    /** The policy file (env {@code STACK_AGENT_POLICY_FILE}); read once at start. */
    Optional<Path> file();
}
