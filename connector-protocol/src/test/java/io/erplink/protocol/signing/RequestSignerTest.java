package io.erplink.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "<GetEcomData/>".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final RequestSigner signer = new RequestSigner(SECRET);

    @Test
    void signatureMatchesAnIndependentHmacSha256() {
        // printf '1700000000.<GetEcomData/>' | openssl dgst -sha256 -hmac 0123456789abcdef0123
        assertEquals(
                "v1=d4d7eb3bc2dd3a7a12b234dbd154cbac223af2e0eb60306c983cab56d4ed9454",
                signer.sign(1_700_000_000L, BODY));
    }

    @Test
    void validSignatureVerifies() {
        RequestSigner.Signature signature = signer.signNow(BODY, NOW);
        assertEquals(1_700_000_000L, signature.timestamp());
        assertDoesNotThrow(
                () -> signer.verify(Long.toString(signature.timestamp()), signature.value(), BODY, NOW, SKEW));
        Clock later = Clock.offset(NOW, Duration.ofMinutes(4));
        assertDoesNotThrow(() -> signer.verify("1700000000", signature.value(), BODY, later, SKEW));
    }

    @Test
    void tamperedBodyIsAMismatch() {
        String signature = signer.sign(1_700_000_000L, BODY);
        byte[] tampered = "<GetEcomData shopID=\"X\"/>".getBytes(StandardCharsets.UTF_8);
        assertReason(
                SignatureException.Reason.MISMATCH, () -> signer.verify("1700000000", signature, tampered, NOW, SKEW));
        // the timestamp is signed too
        assertReason(SignatureException.Reason.MISMATCH, () -> signer.verify("1700000001", signature, BODY, NOW, SKEW));
    }

    @Test
    void wrongSecretIsAMismatch() {
        String signature =
                new RequestSigner("another-secret-of-16+".getBytes(StandardCharsets.UTF_8)).sign(1_700_000_000L, BODY);
        assertReason(SignatureException.Reason.MISMATCH, () -> signer.verify("1700000000", signature, BODY, NOW, SKEW));
    }

    @Test
    void timestampsBeyondTheSkewAreExpired() {
        long old = 1_700_000_000L - 301;
        assertReason(
                SignatureException.Reason.EXPIRED,
                () -> signer.verify(Long.toString(old), signer.sign(old, BODY), BODY, NOW, SKEW));
        long future = 1_700_000_000L + 301;
        assertReason(
                SignatureException.Reason.EXPIRED,
                () -> signer.verify(Long.toString(future), signer.sign(future, BODY), BODY, NOW, SKEW));
    }

    @Test
    void missingAndMalformedHeadersAreRefused() {
        String good = signer.sign(1_700_000_000L, BODY);
        assertReason(SignatureException.Reason.MISSING, () -> signer.verify(null, good, BODY, NOW, SKEW));
        assertReason(SignatureException.Reason.MISSING, () -> signer.verify("1700000000", " ", BODY, NOW, SKEW));
        assertReason(SignatureException.Reason.MALFORMED, () -> signer.verify("yesterday", good, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("99999999999999999999", good, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", good.substring(3), BODY, NOW, SKEW));
        assertReason(SignatureException.Reason.MALFORMED, () -> signer.verify("1700000000", "v1=zz", BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", "v2=" + good.substring(3), BODY, NOW, SKEW));
    }

    @Test
    void shortSecretsAreRejectedAndTheSecretNeverPrints() {
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner("short".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner(null));
        assertFalse(signer.toString().contains("0123456789abcdef"));
        byte[] mutable = SECRET.clone();
        RequestSigner copy = new RequestSigner(mutable);
        java.util.Arrays.fill(mutable, (byte) 0);
        assertEquals(signer.sign(1L, BODY), copy.sign(1L, BODY), "the signer keeps its own copy of the secret");
    }

    private static void assertReason(SignatureException.Reason reason, Runnable verify) {
        SignatureException e = assertThrows(SignatureException.class, verify::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
