package dev.stackagent.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * Node prices for the cost estimate, in US dollars per node-hour, per GKE machine type
 * ({@code stack-agent.cost.prices."ct6e-standard-4t"=5.29}). Defaults come from the seed
 * deployment; set your own (region, commitments, spot).
 */
@ConfigMapping(prefix = "stack-agent.cost")
public interface CostConfig {
    Map<String, Double> prices();
}
