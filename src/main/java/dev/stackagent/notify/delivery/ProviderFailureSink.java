package dev.stackagent.notify.delivery;

/**
 * Told when deliveries to one provider keep failing (after {@code consecutiveFailures} in a row), so
 * someone who cannot read the agent's logs learns that commit statuses or alerts stopped arriving.
 * {@code stack} is the Stack the last failed delivery was about, or null.
 */
@FunctionalInterface
public interface ProviderFailureSink {
    void providerFailing(String provider, String stack, int consecutiveFailures, String lastError);
}
