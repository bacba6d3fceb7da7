package io.erplink.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "<GetEcomData/>".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String NONCE = "00112233445566778899aabbccddeeff";

    private final RequestSigner signer = new RequestSigner(SECRET);

    @Test
    void signatureMatchesAnIndependentHmacSha256() {
        // printf '1700000000.00112233445566778899aabbccddeeff.<GetEcomData/>' | openssl dgst -sha256 -hmac
        // 0123456789abcdef0123
        assertEquals(
                "v2=f0da83adebd2f722014ca1f764307fd3b44bb7fe6d422ab45c3075c1914d449a",
                signer.sign(1_700_000_000L, NONCE, BODY));
    }

    @Test
    void validSignatureVerifiesAndCarriesANewNonceEachTime() {
        RequestSigner.Signature signature = signer.signNow(BODY, NOW);
        assertEquals(1_700_000_000L, signature.timestamp());
        assertEquals(
                1_700_000_000L,
                signer.verify(
                        Long.toString(signature.timestamp()), signature.nonce(), signature.value(), BODY, NOW, SKEW));
        Clock later = Clock.offset(NOW, Duration.ofMinutes(4));
        assertDoesNotThrow(() -> signer.verify("1700000000", signature.nonce(), signature.value(), BODY, later, SKEW));
        RequestSigner.Signature again = signer.signNow(BODY, NOW);
        assertNotEquals(signature.nonce(), again.nonce());
        assertNotEquals(signature.value(), again.value(), "same body, same second: another signature");
        assertEquals(
                Map.of(
                        "X-Erplink-Timestamp", "1700000000",
                        "X-Erplink-Nonce", signature.nonce(),
                        "X-Erplink-Signature", signature.value()),
                signature.headers());
    }

    @Test
    void tamperedBodyIsAMismatch() {
        String signature = signer.sign(1_700_000_000L, NONCE, BODY);
        byte[] tampered = "<GetEcomData shopID=\"X\"/>".getBytes(StandardCharsets.UTF_8);
        assertReason(
                SignatureException.Reason.MISMATCH,
                () -> signer.verify("1700000000", NONCE, signature, tampered, NOW, SKEW));
        // the timestamp and the nonce are signed too
        assertReason(
                SignatureException.Reason.MISMATCH,
                () -> signer.verify("1700000001", NONCE, signature, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MISMATCH,
                () -> signer.verify("1700000000", RequestSigner.newNonce(), signature, BODY, NOW, SKEW));
    }

    @Test
    void wrongSecretIsAMismatch() {
        String signature = new RequestSigner("another-secret-of-16+".getBytes(StandardCharsets.UTF_8))
                .sign(1_700_000_000L, NONCE, BODY);
        assertReason(
                SignatureException.Reason.MISMATCH,
                () -> signer.verify("1700000000", NONCE, signature, BODY, NOW, SKEW));
    }

    @Test
    void timestampsBeyondTheSkewAreExpired() {
        long old = 1_700_000_000L - 301;
        assertReason(
                SignatureException.Reason.EXPIRED,
                () -> signer.verify(Long.toString(old), NONCE, signer.sign(old, NONCE, BODY), BODY, NOW, SKEW));
        long future = 1_700_000_000L + 301;
        assertReason(
                SignatureException.Reason.EXPIRED,
                () -> signer.verify(Long.toString(future), NONCE, signer.sign(future, NONCE, BODY), BODY, NOW, SKEW));
    }

    @Test
    void missingAndMalformedHeadersAreRefused() {
        String good = signer.sign(1_700_000_000L, NONCE, BODY);
        assertReason(SignatureException.Reason.MISSING, () -> signer.verify(null, NONCE, good, BODY, NOW, SKEW));
        assertReason(SignatureException.Reason.MISSING, () -> signer.verify("1700000000", null, good, BODY, NOW, SKEW));
        assertReason(SignatureException.Reason.MISSING, () -> signer.verify("1700000000", NONCE, " ", BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED, () -> signer.verify("yesterday", NONCE, good, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("99999999999999999999", NONCE, good, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", NONCE, good.substring(3), BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", NONCE, "v2=zz", BODY, NOW, SKEW));
        // the nonce-less v1 scheme is no longer accepted
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", NONCE, "v1=" + good.substring(3), BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED, () -> signer.verify("1700000000", "short", good, BODY, NOW, SKEW));
        assertReason(
                SignatureException.Reason.MALFORMED,
                () -> signer.verify("1700000000", "x".repeat(65), good, BODY, NOW, SKEW));
    }

    @Test
    void shortSecretsAreRejectedAndTheSecretNeverPrints() {
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner("short".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner(null));
        assertFalse(signer.toString().contains("0123456789abcdef"));
        byte[] mutable = SECRET.clone();
        RequestSigner copy = new RequestSigner(mutable);
        java.util.Arrays.fill(mutable, (byte) 0);
        assertEquals(
                signer.sign(1L, NONCE, BODY),
                copy.sign(1L, NONCE, BODY),
                "the signer keeps its own copy of the secret");
    }

    static void assertReason(SignatureException.Reason reason, Runnable verify) {
        SignatureException e = assertThrows(SignatureException.class, verify::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
