package dev.stackagent.desired;

import java.time.Duration;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How the agent checks that the model really answers (the seed's Phase 4). */
@RegisterForReflection
public record VerificationSpec(
        Boolean enabled,
        String url,
        Gateway gateway,
        String model,
        String prompt,
        Boolean metrics,
        @JsonDeserialize(using = Durations.Deserializer.class) Duration startupAllowance,
        @JsonDeserialize(using = Durations.Deserializer.class) Duration timeout,
        Load load) {

    public static final Duration DEFAULT_STARTUP_ALLOWANCE = Duration.ofMinutes(20);

    public VerificationSpec {
        startupAllowance = startupAllowance == null ? DEFAULT_STARTUP_ALLOWANCE : startupAllowance;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    /** The gateway that fronts the model: its address plus {@code path} is the model URL. */
    @RegisterForReflection
    public record Gateway(String namespace, String name, String path) {
    }

    /** An optional load check with pass gates (defaults from the seed). */
    @RegisterForReflection
    public record Load(
            Boolean enabled,
            Integer requests,
            Integer concurrency,
            Integer maxTokens,
            @JsonDeserialize(using = Durations.Deserializer.class) Duration maxP95Latency,
            Double minThroughput,
            Integer maxFailures) {
        public Load {
            requests = requests == null ? 100 : requests;
            concurrency = concurrency == null ? 20 : concurrency;
            maxTokens = maxTokens == null ? 50 : maxTokens;
            maxP95Latency = maxP95Latency == null ? Duration.ofMillis(1500) : maxP95Latency;
            minThroughput = minThroughput == null ? 12.0 : minThroughput;
            maxFailures = maxFailures == null ? 0 : maxFailures;
        }

        public boolean isEnabled() {
            return Boolean.TRUE.equals(enabled);
        }
    }
}
