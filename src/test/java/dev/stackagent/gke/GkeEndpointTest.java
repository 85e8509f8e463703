package dev.stackagent.gke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GkeEndpointTest {

    @ParameterizedTest(name = "plaintext to {0} allowed: {1}")
    @CsvSource({
            "localhost:9090, true",
            "127.0.0.1:9090, true",
            "[::1]:9090, true",
            "container.googleapis.com:443, false",
            "10.0.0.5:9090, false",
            "localhost.evil.example:9090, false",
    })
    void plaintextOnlyToLoopback(String endpoint, boolean allowed) {
        if (allowed) {
            assertThat(GkeEndpoint.checked(Optional.of(endpoint), true).describe()).contains("plaintext");
        } else {
            assertThatThrownBy(() -> GkeEndpoint.checked(Optional.of(endpoint), true))
                    .hasMessageContaining("only allowed to a loopback host");
        }
    }

    @ParameterizedTest(name = "TLS to {0} is fine")
    @CsvSource({"container.googleapis.com:443", "10.0.0.5:9090"})
    void tlsToAnyEndpoint(String endpoint) {
        assertThat(GkeEndpoint.checked(Optional.of(endpoint), false).describe()).isEqualTo(endpoint);
    }

    @org.junit.jupiter.api.Test
    void plaintextWithoutEndpointIsRefused() {
        assertThatThrownBy(() -> GkeEndpoint.checked(Optional.empty(), true)).hasMessageContaining("loopback");
        assertThat(GkeEndpoint.checked(Optional.empty(), false).describe()).isEqualTo("GKE's default endpoint");
    }
}
