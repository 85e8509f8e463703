package dev.stackagent.verify;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The pass gates of the load check (the seed's pass criteria). */
@RegisterForReflection
public enum LoadGate {
    /** P95 latency of the successful requests at most {@code maxP95Latency} (seed: &lt; 1500 ms). */
    P95_LATENCY,
    /** Successful requests per second of wall time at least {@code minThroughput} (seed: 12-15 req/s). */
    THROUGHPUT,
    /** Failed requests at most {@code maxFailures} (seed: 0). */
    FAILURES
}
