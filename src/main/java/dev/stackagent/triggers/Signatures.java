package dev.stackagent.triggers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 webhook signatures and shared tokens, compared in constant time. */
public final class Signatures {
    private Signatures() {
    }

    /** HMAC-SHA256 of {@code body} with {@code secret}. */
    public static byte[] hmacSha256(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Whether {@code header} ({@code sha256=<hex>} as GitHub sends it, or bare hex as Gitea does)
     * is the HMAC-SHA256 of {@code body} with {@code secret}.
     */
    public static boolean validHmac(String header, byte[] secret, byte[] body) {
        if (header == null) return false;
        String hex = header.trim();
        if (hex.regionMatches(true, 0, "sha256=", 0, 7)) hex = hex.substring(7);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    /** Whether a shared token sent in a header equals the configured one, in constant time. */
    public static boolean validToken(String header, byte[] token) {
        if (header == null) return false;
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), token);
    }
}
