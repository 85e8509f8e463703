package dev.stackagent.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.stackagent.desired.VerificationSpec;

class ModelUrlTest {

    private static final VerificationSpec.Gateway GATEWAY = new VerificationSpec.Gateway("opendatahub",
            "inference-gateway", "/llm-d-inference-scheduling/qwen2-3b-pattern1");

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }

    private static VerificationSpec spec(String url, VerificationSpec.Gateway gateway) {
        return new VerificationSpec(true, url, gateway, "Qwen/Qwen2.5-3B-Instruct", null, null, null, null, null);
    }

    private final JsonNode gatewayWithAddress = yaml("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: inference-gateway, namespace: opendatahub}
            status:
              addresses:
                - {type: IPAddress, value: 34.90.1.2}
            """);
    private final JsonNode gatewayWithoutAddress = yaml("""
            kind: Gateway
            status:
              conditions: [{type: Programmed, status: "False", reason: AddressNotAssigned}]
            """);
    private final JsonNode service = yaml("""
            apiVersion: serving.kserve.io/v1alpha1
            kind: LLMInferenceService
            metadata: {name: qwen2-3b-pattern1, namespace: llm-d-inference-scheduling}
            status:
              url: http://10.0.0.9/llm-d-inference-scheduling/qwen2-3b-pattern1/
            """);

    ModelUrlTest() throws Exception {
    }

    @Test
    void anExplicitUrlWins() {
        assertThat(ModelUrl.resolve(spec("http://model.example/v/", GATEWAY), gatewayWithAddress, service))
                .contains(new ModelUrl(URI.create("http://model.example/v"), "verification.url"));
    }

    @Test
    void theGatewayAddressPlusPathIsTheSeedsUrl() {
        assertThat(ModelUrl.resolve(spec(null, GATEWAY), gatewayWithAddress, service).orElseThrow())
                .isEqualTo(new ModelUrl(URI.create("http://34.90.1.2/llm-d-inference-scheduling/qwen2-3b-pattern1"),
                        "Gateway opendatahub/inference-gateway status.addresses[0]"));
    }

    @Test
    void withoutAPathTheRoutePrefixOfTheServiceIsUsed() {
        VerificationSpec.Gateway noPath = new VerificationSpec.Gateway("opendatahub", "inference-gateway", null);
        assertThat(ModelUrl.resolve(spec(null, noPath), gatewayWithAddress, service).orElseThrow().uri())
                .isEqualTo(URI.create("http://34.90.1.2/llm-d-inference-scheduling/qwen2-3b-pattern1"));
    }

    @Test
    void aGatewayWithoutAddressFallsBackToTheServiceUrl() {
        assertThat(ModelUrl.resolve(spec(null, GATEWAY), gatewayWithoutAddress, service).orElseThrow())
                .isEqualTo(new ModelUrl(URI.create("http://10.0.0.9/llm-d-inference-scheduling/qwen2-3b-pattern1"),
                        "LLMInferenceService status.url"));
        assertThat(ModelUrl.resolve(spec(null, null), null, service).orElseThrow().source())
                .isEqualTo("LLMInferenceService status.url");
    }

    @Test
    void anIpv6AddressIsBracketed() throws Exception {
        JsonNode v6 = yaml("status: {addresses: [{type: IPAddress, value: '2600:1900::1'}]}");
        assertThat(ModelUrl.resolve(spec(null, GATEWAY), v6, null).orElseThrow().uri().getHost())
                .isEqualTo("[2600:1900::1]");
    }

    @Test
    void nothingToGoOnIsEmpty() {
        assertThat(ModelUrl.resolve(spec(null, GATEWAY), gatewayWithoutAddress, null)).isEmpty();
    }

    @Test
    void aRequestTakesItsDefaultsFromTheSpec() {
        VerificationSpec spec = new VerificationSpec(true, null, GATEWAY, "Qwen/Qwen2.5-3B-Instruct", null, true,
                null, Duration.ofSeconds(5), new VerificationSpec.Load(false, null, null, 64, null, null, null));
        VerificationRequest request = VerificationRequest.from(spec, URI.create("http://x"));
        assertThat(request).isEqualTo(new VerificationRequest(URI.create("http://x"), "Qwen/Qwen2.5-3B-Instruct",
                "Explain quantum computing in one sentence:", 64, Duration.ofSeconds(5), true));
    }
}
