package dev.stackagent.triggers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignaturesTest {
    /** GitHub's documented example ("Validating webhook deliveries"). */
    static final byte[] GITHUB_SECRET = "It's a Secret to Everybody".getBytes(UTF_8);
    static final byte[] GITHUB_PAYLOAD = "Hello, World!".getBytes(UTF_8);
    static final String GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void acceptsGitHubsDocumentedExample() {
        assertThat(Signatures.validHmac(GITHUB_SIGNATURE, GITHUB_SECRET, GITHUB_PAYLOAD)).isTrue();
    }

    @Test
    void acceptsBareHexAsGiteaSendsIt() {
        assertThat(Signatures.validHmac(GITHUB_SIGNATURE.substring(7), GITHUB_SECRET, GITHUB_PAYLOAD)).isTrue();
    }

    @Test
    void rejectsWrongMissingAndMalformedSignatures() {
        String wrong = GITHUB_SIGNATURE.substring(0, GITHUB_SIGNATURE.length() - 1) + "0";
        assertThat(Signatures.validHmac(wrong, GITHUB_SECRET, GITHUB_PAYLOAD)).isFalse();
        assertThat(Signatures.validHmac(null, GITHUB_SECRET, GITHUB_PAYLOAD)).isFalse();
        assertThat(Signatures.validHmac("sha256=zz", GITHUB_SECRET, GITHUB_PAYLOAD)).isFalse();
        assertThat(Signatures.validHmac("", GITHUB_SECRET, GITHUB_PAYLOAD)).isFalse();
        assertThat(Signatures.validHmac(GITHUB_SIGNATURE, "other".getBytes(UTF_8), GITHUB_PAYLOAD)).isFalse();
    }

    @Test
    void tokensCompareExactly() {
        assertThat(Signatures.validToken("s3cret", "s3cret".getBytes(UTF_8))).isTrue();
        assertThat(Signatures.validToken("s3cret ", "s3cret".getBytes(UTF_8))).isFalse();
        assertThat(Signatures.validToken(null, "s3cret".getBytes(UTF_8))).isFalse();
    }
}
