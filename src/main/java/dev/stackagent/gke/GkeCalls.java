package dev.stackagent.gke;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.google.api.gax.rpc.ApiException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every GKE API call goes through here: counted as {@code stack_agent_gke_calls_total{method,code}}
 * and kept in a call log that results summarise.
 */
public final class GkeCalls {

    private final MeterRegistry registry;
    private final List<GkeCall> log = new ArrayList<>();

    public GkeCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T call(String method, String target, Supplier<T> call) {
        try {
            T result = call.get();
            record(method, target, "OK");
            return result;
        } catch (ApiException e) {
            record(method, target, e.getStatusCode().getCode().name());
            throw e;
        } catch (RuntimeException e) {
            record(method, target, "UNKNOWN");
            throw e;
        }
    }

    private void record(String method, String target, String code) {
        Counter.builder("stack_agent.gke.calls")
                .description("GKE API calls by method and result code")
                .tag("method", method)
                .tag("code", code)
                .register(registry)
                .increment();
        synchronized (log) {
            log.add(new GkeCall(method, target, code));
        }
    }

    /** Position in the log, to read what one sync did with {@link #since(int)}. */
    public int mark() {
        synchronized (log) {
            return log.size();
        }
    }

    public List<GkeCall> since(int mark) {
        synchronized (log) {
            return List.copyOf(log.subList(mark, log.size()));
        }
    }
}
